// SPDX-License-Identifier: Apache-2.0
// Group commit for SQLite: concurrent write transactions share one database
// transaction, each in a savepoint of its own.
#pragma once

#include "storage/connection.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

namespace orbita::kernel::storage {

/// SQLite has one writer at a time, and most of a small write's cost is the commit:
/// the WAL frames of every page it touched (table, indexes, history, full-text
/// index) are written again by the next write. So writers that queue up behind each
/// other take turns in one transaction instead: each runs inside its own savepoint
/// (a failure rolls back only its own work) and returns once the shared transaction
/// has committed, so a write is acknowledged only when it is durable, exactly as
/// before. The last writer of a turn commits when nobody else is waiting, or when
/// the batch reached `max_batch` writes or has been open for `max_open`, which
/// bounds the latency a busy stream adds.
///
/// Each writer runs its work on its own thread (its thread-locals, request id and
/// nested transactions stay its own); the connection is handed from one to the next.
/// If SQLite abandons the whole transaction (disk full, I/O error), every writer of
/// that batch gets the error: none of them is acknowledged.
class GroupCommit {
public:
    struct Options {
        int max_batch = 64;
        std::chrono::microseconds max_open{std::chrono::milliseconds(5)};
    };

    GroupCommit(Connection& conn, Options options) : conn_(conn), options_(options) {}
    explicit GroupCommit(Connection& conn) : GroupCommit(conn, Options{}) {}
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    /// Runs `work` on the shared connection inside a savepoint of the current batch,
    /// then waits for the batch to commit. Throws what `work` threw (its savepoint
    /// rolled back, the batch unaffected) or the batch's commit error.
    void run(const std::function<void(Connection&)>& work);

    /// Transactions committed and writes acknowledged so far (writes / commits is the
    /// batching factor).
    std::uint64_t commits() const { return commits_.load(); }
    std::uint64_t writes() const { return writes_.load(); }

private:
    /// One shared transaction; its writers wait on `done`.
    struct Batch {
        std::condition_variable finished;
        int writers = 0;
        std::chrono::steady_clock::time_point opened;
        bool done = false;
        std::exception_ptr error;
    };

    /// Ends the open batch (under the lock, connection held by the caller).
    void finish(std::unique_lock<std::mutex>& lock, bool commit);
    bool transaction_lost() const;

    Connection& conn_;
    Options options_;
    std::mutex mutex_;
    /// Signalled (one waiter at a time) when the connection is handed on; each batch
    /// has its own signal for its end, so a hand-over does not wake every writer.
    std::condition_variable free_;
    bool busy_ = false;  ///< a writer holds the connection
    int waiting_ = 0;    ///< writers waiting for the connection
    std::shared_ptr<Batch> open_;
    std::atomic<std::uint64_t> commits_{0};
    std::atomic<std::uint64_t> writes_{0};
};

}  // namespace orbita::kernel::storage
