// SPDX-License-Identifier: Apache-2.0
#include "support/smtp_sink.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Net/DialogSocket.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace orbita::test {

namespace {

std::string base64_decode(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out;
    Poco::StreamCopier::copyToString(decoder, out);
    return out;
}

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// "MAIL FROM: <a@b>" / "MAIL FROM:<a@b>" -> "a@b"
std::string address(const std::string& line) {
    const auto open = line.find('<'), close = line.rfind('>');
    if (open == std::string::npos || close == std::string::npos || close < open) return "";
    return line.substr(open + 1, close - open - 1);
}

}  // namespace

SmtpSink::SmtpSink() : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    port_ = socket_.address().port();
    thread_ = std::thread([this] { serve(); });
}

SmtpSink::~SmtpSink() {
    stop_ = true;
    thread_.join();
}

void SmtpSink::fail_next(std::vector<std::string> replies) {
    std::lock_guard lock(mutex_);
    failures_ = std::move(replies);
}

std::vector<ReceivedMail> SmtpSink::mails() const {
    std::lock_guard lock(mutex_);
    return mails_;
}

std::vector<std::string> SmtpSink::passwords() const {
    std::lock_guard lock(mutex_);
    return passwords_;
}

void SmtpSink::serve() {
    while (!stop_) {
        // Polling lets the destructor stop the loop without a connection arriving.
        if (!socket_.poll(Poco::Timespan(0, 100000), Poco::Net::Socket::SELECT_READ)) continue;
        try {
            Poco::Net::StreamSocket client = socket_.acceptConnection();
            client.setReceiveTimeout(Poco::Timespan(10, 0));
            session(client);
        } catch (const Poco::Exception&) {
            // A client that went away mid-dialogue: wait for the next one.
        }
    }
}

void SmtpSink::session(Poco::Net::StreamSocket& socket) {
    Poco::Net::DialogSocket dialog(socket);
    dialog.sendMessage("220 sink.test ESMTP ready");
    ReceivedMail mail;
    std::string line;
    while (dialog.receiveMessage(line)) {
        const std::string command = upper(line.substr(0, line.find(' ')));
        if (command == "EHLO") {
            mail.helo = line.size() > 5 ? line.substr(5) : "";
            dialog.sendMessage("250-sink.test greets " + mail.helo);
            dialog.sendMessage("250-8BITMIME");
            dialog.sendMessage("250 AUTH LOGIN PLAIN");
        } else if (command == "HELO") {
            dialog.sendMessage("250 sink.test");
        } else if (upper(line) == "AUTH LOGIN") {
            std::string user, password;
            dialog.sendMessage("334 VXNlcm5hbWU6");  // "Username:"
            dialog.receiveMessage(user);
            dialog.sendMessage("334 UGFzc3dvcmQ6");  // "Password:"
            dialog.receiveMessage(password);
            mail.user = base64_decode(user);
            std::lock_guard lock(mutex_);
            passwords_.push_back(base64_decode(password));
            dialog.sendMessage("235 2.7.0 authenticated");
        } else if (upper(line).rfind("AUTH PLAIN ", 0) == 0) {
            const auto decoded = base64_decode(line.substr(11));  // \0user\0password
            const auto second = decoded.find('\0', 1);
            mail.user = decoded.substr(decoded[0] == '\0' ? 1 : 0, second == std::string::npos ? std::string::npos : second - 1);
            std::lock_guard lock(mutex_);
            if (second != std::string::npos) passwords_.push_back(decoded.substr(second + 1));
            dialog.sendMessage("235 2.7.0 authenticated");
        } else if (command == "MAIL") {
            mail.mail_from = address(line);
            mail.rcpt_to.clear();
            dialog.sendMessage("250 2.1.0 ok");
        } else if (command == "RCPT") {
            mail.rcpt_to.push_back(address(line));
            dialog.sendMessage("250 2.1.5 ok");
        } else if (command == "DATA") {
            dialog.sendMessage("354 end with <CRLF>.<CRLF>");
            mail.data.clear();
            std::string data_line;
            while (dialog.receiveMessage(data_line) && data_line != ".") {
                if (data_line.rfind("..", 0) == 0) data_line.erase(0, 1);
                mail.data += data_line + "\r\n";
            }
            std::string failure;
            {
                std::lock_guard lock(mutex_);
                if (!failures_.empty()) {
                    failure = failures_.front();
                    failures_.erase(failures_.begin());
                } else {
                    mails_.push_back(mail);
                }
            }
            dialog.sendMessage(failure.empty() ? "250 2.0.0 queued" : failure);
        } else if (command == "RSET" || command == "NOOP") {
            dialog.sendMessage("250 2.0.0 ok");
        } else if (command == "QUIT") {
            dialog.sendMessage("221 2.0.0 bye");
            return;
        } else {
            dialog.sendMessage("502 5.5.2 command not recognized");
        }
    }
}

}  // namespace orbita::test
