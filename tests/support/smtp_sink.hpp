// SPDX-License-Identifier: Apache-2.0
// A tiny real SMTP server for tests: enough of RFC 5321 for Poco's client.
#pragma once

#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace Poco::Net {
class StreamSocket;
}

namespace orbita::test {

/// One message as the server received it.
struct ReceivedMail {
    std::string helo;
    std::string user;  ///< AUTH LOGIN/PLAIN user, empty without authentication
    std::string mail_from;
    std::vector<std::string> rcpt_to;
    std::string data;  ///< the message (headers and body) with dot-stuffing removed
};

/// Listens on 127.0.0.1 (ephemeral port) and speaks EHLO/HELO, AUTH LOGIN and PLAIN,
/// MAIL FROM, RCPT TO, DATA, RSET, NOOP and QUIT, one client at a time. It stores what
/// it accepts; `fail_next` makes it refuse the next messages at the end of DATA with
/// the given replies ("451 4.3.0 try later", "550 5.1.1 no such user").
class SmtpSink {
public:
    SmtpSink();
    ~SmtpSink();

    int port() const { return port_; }
    void fail_next(std::vector<std::string> replies);
    std::vector<ReceivedMail> mails() const;
    /// Passwords received with AUTH, in order.
    std::vector<std::string> passwords() const;

private:
    void serve();
    void session(Poco::Net::StreamSocket& socket);

    Poco::Net::ServerSocket socket_;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<std::string> failures_;
    std::vector<ReceivedMail> mails_;
    std::vector<std::string> passwords_;
};

}  // namespace orbita::test
