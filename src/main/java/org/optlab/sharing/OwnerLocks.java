package org.optlab.sharing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per owner, made when an owner's operation starts and dropped when no operation of that owner holds or waits
 * for it, so that the map holds only owners busy now. Two owners never wait for each other.
 */
final class OwnerLocks {

    private static final class Held {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Held> locks = new ConcurrentHashMap<>();

    /** Locks the owner's lock (waiting while another operation of the same owner holds it). */
    void lock(String owner) {
        Held h = locks.compute(owner, (k, v) -> {
            Held held = v == null ? new Held() : v;
            held.users++;
            return held;
        });
        h.lock.lock();
    }

    /** Unlocks it; the last user removes it from the map. */
    void unlock(String owner) {
        locks.computeIfPresent(owner, (k, held) -> {
            held.lock.unlock();
            held.users--;
            return held.users == 0 ? null : held;
        });
    }
}
