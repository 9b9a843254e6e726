// SPDX-License-Identifier: Apache-2.0
// Group commit for SQLite: one writer thread runs the queued write transactions in
// one database transaction, each in a savepoint of its own.
#pragma once

#include "storage/connection.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace orbita::kernel::storage {

/// SQLite has one writer at a time, and most of a small write's cost is the commit:
/// the WAL frames of every page it touched (table, indexes, history, full-text
/// index) are written again by the next write. So the writes are queued for one
/// writer thread that owns the connection: it takes the queue in arrival order, runs
/// each write inside its own savepoint of one shared transaction (a failure rolls
/// back only its own work) and commits when the queue is empty, when the batch reached
/// `max_batch` writes or when it has been open for `max_open` (which bounds the latency
/// a busy stream adds). Each caller waits until the commit of its batch, so a write is
/// acknowledged only when it is durable.
///
/// Why a thread of its own rather than handing the connection from caller to caller:
/// every hand-over waited for the next caller's thread to be scheduled, with the
/// connection idle meanwhile, and each caller slept twice (for the connection, then
/// for the commit). The writer runs the queued writes back to back and each caller
/// sleeps once. The caller's thread-bound state (request id, automation chain, ...)
/// follows its work through core::ThreadContext.
///
/// If SQLite abandons the whole transaction (disk full, I/O error), every write of
/// that batch gets the error: none of them is acknowledged.
class GroupCommit {
public:
    struct Options {
        int max_batch = 64;
        std::chrono::microseconds max_open{std::chrono::milliseconds(5)};
    };

    /// Starts the writer thread; `conn` is used by that thread only from now on.
    GroupCommit(Connection& conn, Options options);
    explicit GroupCommit(Connection& conn) : GroupCommit(conn, Options{}) {}
    /// Stops (see stop()).
    ~GroupCommit();
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    /// Runs `work` on the writer thread inside a savepoint of the current batch, then
    /// waits for the batch to commit. Throws what `work` threw (its savepoint rolled
    /// back, the batch unaffected) or the batch's commit error; throws
    /// std::logic_error after stop(). Must not be called from inside `work`.
    void run(const std::function<void(Connection&)>& work);

    /// Runs and commits every write queued so far, then ends the writer thread.
    /// Idempotent.
    void stop();

    /// Transactions committed and writes acknowledged so far (writes / commits is the
    /// batching factor).
    std::uint64_t commits() const { return commits_.load(); }
    std::uint64_t writes() const { return writes_.load(); }
    /// Writes queued and not yet taken by the writer (for tests and diagnostics).
    std::size_t queued();

private:
    struct Request;

    void writer_loop();
    /// Takes queued requests, in order, while the batch may grow.
    void take_more(std::vector<Request*>& batch, std::chrono::steady_clock::time_point opened);
    /// Runs one batch in one transaction and completes its requests.
    void run_batch(std::vector<Request*>& batch);
    bool transaction_lost() const;
    /// Rolls back the open transaction, if SQLite has not already; logs a failure.
    void roll_back_quietly();

    Connection& conn_;
    Options options_;
    std::mutex mutex_;
    std::condition_variable queued_signal_;
    std::deque<Request*> queue_;
    bool stopping_ = false;
    std::atomic<std::uint64_t> commits_{0};
    std::atomic<std::uint64_t> writes_{0};
    std::thread writer_;  ///< last: started once everything above exists
};

}  // namespace orbita::kernel::storage
