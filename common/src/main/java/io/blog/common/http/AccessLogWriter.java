package io.blog.common.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends access lines to a file from one thread of its own, so a request only formats its line and
 * queues it. Liberty's own access log wakes its writer with a {@code notify()} under a lock for every
 * line, which cost 17–30 % of an uncached read's throughput in two A/B runs (README, Measurements);
 * this writer instead wakes on its own every {@link #FLUSH_INTERVAL_MILLIS} ms and writes what has
 * queued up in one {@code write()}.
 *
 * <p>The file is opened for appending, so several writers can share it (the one-command run holds
 * every service in one server) without tearing a line, and a file truncated in place by the log
 * retention (scripts/maintenance/cleanup-logs.sh) is written at its new end. A file moved or deleted
 * is reopened under its name within {@link #REOPEN_CHECK_MILLIS} ms. When the disk cannot keep up, lines beyond
 * {@link #MAX_QUEUED} are dropped and counted, rather than holding the heap or the requests.
 */
final class AccessLogWriter implements Runnable {

    static final long FLUSH_INTERVAL_MILLIS = 100;
    static final long REOPEN_CHECK_MILLIS = 2_000;
    static final int MAX_QUEUED = 50_000;
    private static final int BATCH_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(AccessLogWriter.class.getName());

    private final Path file;
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;
    private FileChannel channel;
    private Object openedKey;
    private long lastReopenCheck;
    private boolean failing;

    AccessLogWriter(Path file, ThreadFactory threads) {
        this.file = Objects.requireNonNull(file);
        this.thread = threads.newThread(this);
        thread.setName("access-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a line; never blocks. */
    void write(String line) {
        if (stopping) {
            dropped.incrementAndGet();
            return;
        }
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(line);
    }

    long dropped() {
        return dropped.get();
    }

    /** Writes what is queued, closes the file, and waits up to the given time for both. */
    void stop(long timeoutMillis) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        ByteBuffer batch = ByteBuffer.allocate(BATCH_BYTES);
        long reportedDrops = 0;
        while (true) {
            boolean last = stopping;   // read before draining: a line queued before stop() is written
            drain(batch);
            long drops = dropped.get();
            if (drops > reportedDrops) {
                LOG.warning(() -> "access log " + file + ": " + drops + " lines dropped so far (queue full or writer stopped)");
                reportedDrops = drops;
            }
            if (last) {
                close();
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(FLUSH_INTERVAL_MILLIS));
        }
    }

    private void drain(ByteBuffer batch) {
        String line;
        while ((line = queue.poll()) != null) {
            queued.decrementAndGet();
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (batch.remaining() < bytes.length) {
                flush(batch);
            }
            if (bytes.length > batch.capacity()) {
                flush(ByteBuffer.wrap(bytes).position(bytes.length));
            } else {
                batch.put(bytes);
            }
        }
        flush(batch);
    }

    private void flush(ByteBuffer batch) {
        if (batch.position() == 0) {
            return;
        }
        batch.flip();
        try {
            FileChannel out = channel();
            while (batch.hasRemaining()) {
                out.write(batch);
            }
            failing = false;
        } catch (IOException e) {
            if (!failing) {   // once per outage, not once per batch
                LOG.log(Level.WARNING, "access log " + file + ": lines lost until it can be written again", e);
                failing = true;
            }
            close();
        } finally {
            batch.clear();
        }
    }

    private FileChannel channel() throws IOException {
        long now = System.currentTimeMillis();
        if (channel != null && now - lastReopenCheck >= REOPEN_CHECK_MILLIS) {
            lastReopenCheck = now;
            if (!Objects.equals(openedKey, keyOf(file))) {
                close();
            }
        }
        if (channel == null) {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            openedKey = keyOf(file);
            lastReopenCheck = now;
        }
        return channel;
    }

    private static Object keyOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing " + file, e);
            }
            channel = null;
        }
    }
}
