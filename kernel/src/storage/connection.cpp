// SPDX-License-Identifier: Apache-2.0
#include "storage/connection.hpp"

#include "storage/dialect.hpp"

#include <soci/soci.h>

#include <deque>

namespace orbita::kernel::storage {

namespace {

// Holds the storage SOCI binds to by reference until the statement is done.
// std::deque keeps element addresses stable while we append.
struct Bindings {
    std::deque<long long> ints;
    std::deque<double> reals;
    std::deque<std::string> texts;
    std::deque<soci::indicator> indicators;

    void use_all(soci::statement& st, const std::vector<SqlValue>& params) {
        for (const auto& p : params) {
            if (auto i = std::get_if<std::int64_t>(&p)) {
                st.exchange(soci::use(ints.emplace_back(*i), indicators.emplace_back(soci::i_ok)));
            } else if (auto d = std::get_if<double>(&p)) {
                st.exchange(soci::use(reals.emplace_back(*d), indicators.emplace_back(soci::i_ok)));
            } else if (auto s = std::get_if<std::string>(&p)) {
                st.exchange(soci::use(texts.emplace_back(*s), indicators.emplace_back(soci::i_ok)));
            } else {
                st.exchange(soci::use(texts.emplace_back(), indicators.emplace_back(soci::i_null)));
            }
        }
    }
};

// Typed output slots for one row.
struct Outputs {
    std::vector<ReadKind> kinds;
    std::deque<long long> ints;
    std::deque<double> reals;
    std::deque<std::string> texts;
    std::deque<soci::indicator> indicators;
    std::vector<std::size_t> slot;  // index into the deque of the column's kind

    void into_all(soci::statement& st) {
        for (ReadKind k : kinds) {
            soci::indicator& ind = indicators.emplace_back(soci::i_ok);
            switch (k) {
                case ReadKind::Int:
                    slot.push_back(ints.size());
                    st.exchange(soci::into(ints.emplace_back(0), ind));
                    break;
                case ReadKind::Real:
                    slot.push_back(reals.size());
                    st.exchange(soci::into(reals.emplace_back(0.0), ind));
                    break;
                case ReadKind::Text:
                    slot.push_back(texts.size());
                    st.exchange(soci::into(texts.emplace_back(), ind));
                    break;
            }
        }
    }

    Row row() const {
        Row r;
        r.reserve(kinds.size());
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            if (indicators[i] == soci::i_null) {
                r.emplace_back(std::monostate{});
                continue;
            }
            switch (kinds[i]) {
                case ReadKind::Int: r.emplace_back(static_cast<std::int64_t>(ints[slot[i]])); break;
                case ReadKind::Real: r.emplace_back(reals[slot[i]]); break;
                case ReadKind::Text: r.emplace_back(texts[slot[i]]); break;
            }
        }
        return r;
    }
};

}  // namespace

std::int64_t Connection::exec(const SqlFragment& statement) {
    Bindings bindings;
    soci::statement st(session_);
    bindings.use_all(st, statement.params());
    st.alloc();
    st.prepare(statement.soci_text());
    st.define_and_bind();
    st.execute(true);
    return st.get_affected_rows();
}

void Connection::exec_raw(std::string_view sql) { session_ << std::string(sql); }

std::vector<Row> Connection::query(const SqlFragment& query, const std::vector<ReadKind>& kinds) {
    Bindings bindings;
    Outputs outputs;
    outputs.kinds = kinds;
    soci::statement st(session_);
    outputs.into_all(st);
    bindings.use_all(st, query.params());
    st.alloc();
    st.prepare(query.soci_text());
    st.define_and_bind();
    std::vector<Row> rows;
    if (st.execute(true)) {
        do {
            rows.push_back(outputs.row());
        } while (st.fetch());
    }
    return rows;
}

std::optional<Row> Connection::query_one(const SqlFragment& query, const std::vector<ReadKind>& kinds) {
    auto rows = this->query(query, kinds);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::optional<std::int64_t> Connection::query_int(const SqlFragment& query) {
    auto row = query_one(query, {ReadKind::Int});
    if (!row || is_null((*row)[0])) return std::nullopt;
    return std::get<std::int64_t>((*row)[0]);
}

}  // namespace orbita::kernel::storage
