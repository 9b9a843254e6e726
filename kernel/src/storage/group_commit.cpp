// SPDX-License-Identifier: Apache-2.0
#include "storage/group_commit.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

namespace orbita::kernel::storage {

bool GroupCommit::transaction_lost() const {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(conn_.session().get_backend());
    return sqlite_api::sqlite3_get_autocommit(backend->conn_) != 0;
}

void GroupCommit::run(const std::function<void(Connection&)>& work) {
    std::unique_lock<std::mutex> lock(mutex_);
    ++waiting_;
    free_.wait(lock, [&] { return !busy_; });
    --waiting_;
    busy_ = true;
    if (!open_) {
        try {
            conn_.exec_raw("BEGIN IMMEDIATE");
        } catch (...) {
            busy_ = false;
            free_.notify_one();
            throw;
        }
        open_ = std::make_shared<Batch>();
        open_->opened = std::chrono::steady_clock::now();
    }
    auto batch = open_;
    lock.unlock();

    // The connection is ours until `busy_` is cleared; nobody else touches it.
    std::exception_ptr failed;
    bool lost = false;
    conn_.exec_raw("SAVEPOINT orbita_write");
    try {
        work(conn_);
        conn_.exec_raw("RELEASE orbita_write");
    } catch (...) {
        failed = std::current_exception();
        try {
            conn_.exec_raw("ROLLBACK TO orbita_write");
            conn_.exec_raw("RELEASE orbita_write");
        } catch (const std::exception& e) {
            spdlog::error("rolling back a savepoint failed: {}", e.what());
            lost = true;
        }
        // Some errors (disk full, I/O) make SQLite roll back the whole transaction,
        // taking the work of the earlier writers of this batch with it.
        lost = lost || transaction_lost();
    }

    lock.lock();
    if (lost) {
        batch->error = std::make_exception_ptr(std::runtime_error("the shared write transaction was rolled back"));
        finish(lock, false);
        std::rethrow_exception(failed);
    }
    if (!failed) ++batch->writers;
    const bool last = waiting_ == 0 || batch->writers >= options_.max_batch ||
                      std::chrono::steady_clock::now() - batch->opened >= options_.max_open;
    if (last) {
        finish(lock, true);
    } else {
        busy_ = false;
        free_.notify_one();
        if (!failed) batch->finished.wait(lock, [&] { return batch->done; });
    }
    if (failed) std::rethrow_exception(failed);
    if (batch->error) std::rethrow_exception(batch->error);
}

void GroupCommit::finish(std::unique_lock<std::mutex>& lock, bool commit) {
    auto batch = std::move(open_);
    lock.unlock();
    // Nothing to commit when every writer of the batch failed: end it cheaply.
    const bool empty = batch->writers == 0;
    try {
        if (!transaction_lost()) conn_.exec_raw(commit && !empty ? "COMMIT" : "ROLLBACK");
    } catch (...) {
        if (!batch->error) batch->error = std::current_exception();
        try {
            if (!transaction_lost()) conn_.exec_raw("ROLLBACK");
        } catch (const std::exception& e) {
            spdlog::error("rollback after a failed commit failed: {}", e.what());
        }
    }
    lock.lock();
    if (!batch->error && commit && !empty) {
        ++commits_;
        writes_ += static_cast<std::uint64_t>(batch->writers);
    }
    batch->done = true;
    busy_ = false;
    batch->finished.notify_all();
    free_.notify_one();
}

}  // namespace orbita::kernel::storage
