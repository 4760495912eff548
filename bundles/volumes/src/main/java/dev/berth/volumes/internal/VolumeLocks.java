package dev.berth.volumes.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per volume name, so that Docker's requests and the renewal checks of one volume happen one at a time
 * while different volumes proceed in parallel. (One Berth serves a host; other hosts have volumes of their own.)
 */
final class VolumeLocks {

    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    <T> T with(String volume, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(volume, v -> new ReentrantLock());
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
