package org.ecommerce.dao.interaction;

/**
 * What one {@link InteractionRepository#maintain()} did.
 *
 * @param partitionsCreated  month partitions created (PostgreSQL; 0 on H2, whose table is not partitioned)
 * @param interactionsMoved  interactions moved from the default partition into their month's new partition (PostgreSQL)
 * @param interactionsFolded interactions older than the retention folded into the recommendation
 *                           input and removed
 * @param partitionsDropped  month partitions dropped after their interactions were folded (PostgreSQL)
 */
public record InteractionMaintenance(int partitionsCreated, long interactionsMoved, long interactionsFolded,
                                     int partitionsDropped) {
}
