// SPDX-License-Identifier: Apache-2.0
#include "storage/group_commit.hpp"

#include "core/thread_context.hpp"

#include <pthread.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <exception>
#include <stdexcept>

namespace orbita::kernel::storage {

/// One queued write; lives on its caller's stack until `done`.
struct GroupCommit::Request {
    const std::function<void(Connection&)>* work = nullptr;
    core::ThreadContext context;
    std::exception_ptr error;
    bool done = false;            ///< guarded by mutex_
    std::condition_variable finished;
};

GroupCommit::GroupCommit(Connection& conn, Options options)
    : conn_(conn), options_(options), writer_([this] { writer_loop(); }) {}

GroupCommit::~GroupCommit() { stop(); }

void GroupCommit::run(const std::function<void(Connection&)>& work) {
    Request request;
    request.work = &work;
    request.context = core::ThreadContext::capture();
    std::unique_lock<std::mutex> lock(mutex_);
    if (stopping_) throw std::logic_error("the database writer has stopped");
    queue_.push_back(&request);
    queued_signal_.notify_one();
    // The writer completes a request under mutex_, so it is done with it once we hold it again.
    request.finished.wait(lock, [&] { return request.done; });
    if (request.error) std::rethrow_exception(request.error);
}

void GroupCommit::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    queued_signal_.notify_all();
    if (writer_.joinable()) writer_.join();
}

std::size_t GroupCommit::queued() {
    std::lock_guard<std::mutex> lock(mutex_);
    return queue_.size();
}

bool GroupCommit::transaction_lost() const {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(conn_.session().get_backend());
    return sqlite_api::sqlite3_get_autocommit(backend->conn_) != 0;
}

void GroupCommit::roll_back_quietly() {
    try {
        if (!transaction_lost()) conn_.exec_raw("ROLLBACK");
    } catch (const std::exception& e) {
        spdlog::error("rolling back the shared write transaction failed: {}", e.what());
    }
}

void GroupCommit::writer_loop() {
    pthread_setname_np(pthread_self(), "orbita-writer");
    std::vector<Request*> batch;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            queued_signal_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            // Stopping drains the queue first: every write accepted is run and committed.
            if (queue_.empty()) return;
        }
        batch.clear();
        run_batch(batch);
    }
}

void GroupCommit::take_more(std::vector<Request*>& batch, std::chrono::steady_clock::time_point opened) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!batch.empty() && std::chrono::steady_clock::now() - opened >= options_.max_open) return;
    while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
    }
}

void GroupCommit::run_batch(std::vector<Request*>& batch) {
    const auto opened = std::chrono::steady_clock::now();
    take_more(batch, opened);
    std::exception_ptr batch_error;  // fails every write of the batch that succeeded on its own
    std::size_t ran = 0;
    int good = 0;
    try {
        conn_.exec_raw("BEGIN IMMEDIATE");
    } catch (...) {
        batch_error = std::current_exception();
        ran = batch.size();  // none ran; each gets the error
    }
    while (!batch_error && ran < batch.size()) {
        Request& request = *batch[ran++];
        bool lost = false;
        const core::ThreadContext::Scope scope(request.context);
        try {
            conn_.exec_raw("SAVEPOINT orbita_write");
            (*request.work)(conn_);
            conn_.exec_raw("RELEASE orbita_write");
            ++good;
        } catch (...) {
            request.error = std::current_exception();
            try {
                conn_.exec_raw("ROLLBACK TO orbita_write");
                conn_.exec_raw("RELEASE orbita_write");
            } catch (const std::exception& e) {
                spdlog::error("rolling back a savepoint failed: {}", e.what());
                lost = true;
            }
            // Some errors (disk full, I/O) make SQLite roll back the whole transaction,
            // taking the work of the earlier writes of this batch with it.
            lost = lost || transaction_lost();
        }
        if (lost) {
            batch_error = std::make_exception_ptr(std::runtime_error("the shared write transaction was rolled back"));
            break;
        }
        if (ran == batch.size()) take_more(batch, opened);  // the queue grew meanwhile
    }
    if (ran < batch.size()) {
        // Not run because the transaction was lost: back to the head of the queue, in order.
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.insert(queue_.begin(), batch.begin() + static_cast<std::ptrdiff_t>(ran), batch.end());
        batch.resize(ran);
    }
    if (batch_error) {
        roll_back_quietly();  // BEGIN failed or the transaction was lost: end what is left of it
    } else {
        try {
            if (transaction_lost()) throw std::runtime_error("the shared write transaction was rolled back");
            // Nothing to commit when every write of the batch failed: end it cheaply.
            conn_.exec_raw(good > 0 ? "COMMIT" : "ROLLBACK");
        } catch (...) {
            batch_error = std::current_exception();
            roll_back_quietly();
        }
    }
    if (!batch_error && good > 0) {
        ++commits_;
        writes_ += static_cast<std::uint64_t>(good);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    for (Request* request : batch) {
        if (!request->error) request->error = batch_error;
        request->done = true;
        request->finished.notify_one();
    }
}

}  // namespace orbita::kernel::storage
