// SPDX-License-Identifier: Apache-2.0
#include "plugins/crash_guard.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>

namespace orbita::kernel::plugins {

namespace fs = std::filesystem;

CrashGuard::CrashGuard(fs::path data_dir) : dir_(std::move(data_dir) / "plugins-loading") {}

fs::path CrashGuard::marker(const std::string& id) const { return dir_ / (id + ".marker"); }

std::optional<fs::path> CrashGuard::crashed_before(const std::string& id) const {
    std::error_code ec;
    if (fs::exists(marker(id), ec)) return marker(id);
    return std::nullopt;
}

void CrashGuard::enter(const std::string& id) const {
    fs::create_directories(dir_);
    const auto path = marker(id);
    // No fsync: a plugin that kills the process leaves the page cache, and so the marker,
    // intact for the next start; only a crash of the whole machine would lose it, and that
    // is not the plugin's doing. (An fsync per plugin was a tenth of a cold start.)
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw std::runtime_error("cannot write " + path.string());
    const std::string text = id + "\n";
    [[maybe_unused]] auto written = ::write(fd, text.data(), text.size());
    ::close(fd);
}

void CrashGuard::leave(const std::string& id) const {
    std::error_code ec;
    fs::remove(marker(id), ec);
}

}  // namespace orbita::kernel::plugins
