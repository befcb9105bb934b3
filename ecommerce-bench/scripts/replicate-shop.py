#!/usr/bin/env python3
"""Makes a shop of N times the orders from one export: copy k keeps the catalogue and shifts every
customer-side id by k * 10^7, making unique texts unique (emails, card tokens, order numbers, tickets)."""
import csv, os, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
OFF = 10_000_000
SHIFT = {  # file -> columns holding customer-side ids
    'customer.csv': ['id'], 'payment_method.csv': ['id', 'customer_id'], 'credit_card.csv': ['payment_method_id'],
    'gift_card.csv': ['payment_method_id'], 'basket.csv': ['id', 'customer_id'], 'basket_line.csv': ['basket_id'],
    'orders.csv': ['id', 'customer_id', 'payment_method_id'], 'order_line.csv': ['order_id'],
    'delivery.csv': ['id', 'order_id'], 'order_return.csv': ['id', 'order_id'], 'return_line.csv': ['return_id', 'order_id'],
    'review.csv': ['id', 'customer_id'], 'interaction.csv': ['id', 'customer_id'], 'recommendation_score.csv': ['customer_id'],
}
def unique(col, value, k):
    if value == '' or (k == 0 and col != 'number'): return value
    if col == 'email': return 'c%d.%s' % (k, value)
    if col in ('processor_token', 'serial', 'tracking_number', 'ticket_number', 'idempotency_key'): return '%s-%d' % (value, k)
    if col == 'number': return value[:4] + 'GHIJKLMNOP'[k] + value[5:]   # ORD-<hex>: one hex digit replaced by a letter per copy
    return value
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    with open(os.path.join(src, name), newline='') as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    with open(os.path.join(dst, name), 'w', newline='') as out:
        w = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator='\n')
        w.writerow(header)
        for k in range(n if name in SHIFT else 1):
            for r in body:
                r2 = list(r)
                for i, col in enumerate(header):
                    if name in SHIFT and col in SHIFT[name] and r2[i] != '':
                        r2[i] = str(int(r2[i]) + k * OFF)
                    else:
                        r2[i] = unique(col, r2[i], k)
                w.writerow(r2)
