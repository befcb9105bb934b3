package org.ecommerce.cli.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's text decoded as strict UTF-8, counting lines as the CSV parser does (CR, LF or CR LF
 * end a line). A byte sequence that is not UTF-8 does not end the reading: it reads as U+FFFD and
 * its line is noted, so that the rows on that line are refused with the line and the bytes named
 * while the file's other rows are read as usual. A byte order mark at the start is skipped.
 */
final class Utf8Lines extends Reader {

    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    /** The first undecodable sequence of each line: its bytes and where they are. */
    private final TreeMap<Long, String> undecodable = new TreeMap<>();
    /** Bytes read from the stream before the buffer's current content. */
    private long bytesBefore;
    /** The line of the next character decoded. */
    private long line = 1;
    private boolean afterCr;
    private boolean ended;
    private boolean flushed;
    private boolean started;

    Utf8Lines(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        if (!started) {
            started = true;
            // the byte order mark that some editors (Excel's "CSV UTF-8") put first is no text
            if (chars.get(chars.position()) == '\uFEFF') {
                chars.get();
                if (!chars.hasRemaining() && !fill()) {
                    return -1;
                }
            }
        }
        int n = Math.min(length, chars.remaining());
        chars.get(target, offset, n);
        return n;
    }

    /**
     * What is not UTF-8 on lines {@code from} to {@code to}, or null if they decoded cleanly. Lines
     * the caller has read past are complete.
     */
    String undecodable(long from, long to) {
        Map.Entry<Long, String> bad = undecodable.ceilingEntry(from);
        if (bad == null || bad.getKey() > to) {
            return null;
        }
        return "is not UTF-8" + (bad.getKey() == from ? "" : " on line " + bad.getKey()) + ": " + bad.getValue();
    }

    /** Decodes the next characters into the emptied buffer; false at the end of the file. */
    private boolean fill() throws IOException {
        chars.clear();
        while (chars.position() == 0 && !flushed) {
            int from = chars.position();
            CoderResult result = decoder.decode(bytes, chars, ended);
            countLines(from);
            if (result.isError()) {
                skip(result.length());
            } else if (result.isUnderflow()) {
                if (ended) {
                    decoder.flush(chars);
                    flushed = true;
                } else {
                    readMore();
                }
            }
        }
        chars.flip();
        return chars.hasRemaining();
    }

    /** Notes an undecodable sequence at the current line and reads it as U+FFFD. */
    private void skip(int length) {
        if (!chars.hasRemaining()) {
            return; // the buffer is full: the sequence is met again on the next fill
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < length; i++) {
            shown.append(i == 0 ? "" : " ").append(String.format("0x%02X", bytes.get(bytes.position() + i)));
        }
        undecodable.putIfAbsent(line, (length == 1 ? "byte " : "bytes ") + shown + " at byte offset "
                + (bytesBefore + bytes.position()) + " of the file (save it as UTF-8)");
        bytes.position(bytes.position() + length);
        chars.put('\uFFFD');
        afterCr = false;
    }

    private void readMore() throws IOException {
        bytesBefore += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            ended = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void countLines(int from) {
        char[] decoded = chars.array();
        for (int i = from; i < chars.position(); i++) {
            char c = decoded[i];
            if (c == '\r') {
                line++;
                afterCr = true;
            } else {
                if (c == '\n' && !afterCr) {
                    line++;
                }
                afterCr = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
