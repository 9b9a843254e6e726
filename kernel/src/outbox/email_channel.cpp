// SPDX-License-Identifier: Apache-2.0
#include "outbox/email_channel.hpp"

#include "jobs/job_handler_registry.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <regex>

namespace orbita::kernel::outbox {

namespace {

constexpr std::size_t kMaxRecipients = 50;
constexpr std::size_t kMaxSubject = 998;  // RFC 5322 line limit
constexpr std::size_t kMaxText = 1024 * 1024;

bool is_address(const std::string& s) {
    // A practical check (one @, no spaces or angle brackets): SMTP servers do the rest,
    // and CR/LF can never reach a command line.
    static const std::regex pattern(R"(^[^@\s<>,;"]+@[^@\s<>,;"]+\.[^@\s<>,;"]+$)");
    return s.size() <= 254 && std::regex_match(s, pattern);
}

bool has_line_break(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

Poco::Timespan timespan(std::chrono::milliseconds ms) {
    return Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(ms).count());
}

// MailMessage cannot be copied or moved: the caller owns it.
void fill(Poco::Net::MailMessage& mail, const OutboxMessage& message, const std::string& default_from) {
    const auto& p = message.payload;
    mail.setSender(p.value("from", default_from));
    for (const auto& to : p["to"]) {
        mail.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, to.get<std::string>()));
    }
    mail.setSubject(Poco::Net::MailMessage::encodeWord(p["subject"].get<std::string>(), "UTF-8"));
    mail.set("Message-ID", "<outbox-" + std::to_string(message.id) + "@orbita>");
    mail.setContentType("text/plain; charset=UTF-8");
    mail.setContent(p["text"].get<std::string>(), Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

}  // namespace

std::vector<FieldError> EmailChannel::validate(const nlohmann::json& p) const {
    if (!p.is_object()) return {{"payload", "invalid_type", "must be an object {to, subject, text}"}};
    std::vector<FieldError> errors;
    const auto to = p.find("to");
    if (to == p.end() || !to->is_array() || to->empty() || to->size() > kMaxRecipients) {
        errors.push_back({"to", "invalid_value", "must be a list of 1 to 50 e-mail addresses"});
    } else {
        for (const auto& a : *to) {
            if (!a.is_string() || !is_address(a.get<std::string>())) {
                errors.push_back({"to", "invalid_address", "'" + (a.is_string() ? a.get<std::string>() : a.dump()) +
                                                               "' is not an e-mail address"});
            }
        }
    }
    const auto subject = p.find("subject");
    if (subject == p.end() || !subject->is_string() || subject->get<std::string>().size() > kMaxSubject ||
        has_line_break(subject->get<std::string>())) {
        errors.push_back({"subject", "invalid_value", "must be one line of text, at most 998 bytes"});
    }
    const auto text = p.find("text");
    if (text == p.end() || !text->is_string() || text->get<std::string>().size() > kMaxText)
        errors.push_back({"text", "invalid_value", "must be text of at most 1 MiB"});
    if (const auto from = p.find("from"); from != p.end() && (!from->is_string() || !is_address(from->get<std::string>())))
        errors.push_back({"from", "invalid_address", "must be an e-mail address"});
    for (const auto& [key, value] : p.items()) {
        if (key != "to" && key != "subject" && key != "text" && key != "from")
            errors.push_back({key, "unknown_field", "e-mail messages have to, subject, text and from"});
    }
    return errors;
}

void EmailChannel::deliver(const OutboxMessage& message, int) const {
    if (options_.host.empty()) throw std::runtime_error("e-mail is not configured (outbox.smtp.host)");
    Poco::Net::MailMessage mail;
    fill(mail, message, options_.from);
    const std::string helo = "orbita";
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(options_.host, static_cast<Poco::UInt16>(options_.port)),
                       timespan(options_.timeout));
        Poco::Net::SecureSMTPClientSession session(socket);
        session.setTimeout(timespan(options_.timeout));
        session.login(helo);
        if (options_.starttls) {
            const auto mode = options_.verify_certificate ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE;
            Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "", mode, 9, true);
            // Refusing to go on in clear text is the point of configuring STARTTLS.
            if (!session.startTLS(context)) throw jobs::PermanentJobError("the SMTP server does not offer STARTTLS");
        }
        if (!options_.user.empty()) {
            session.login(helo, Poco::Net::SMTPClientSession::AUTH_LOGIN, options_.user, options_.password);
        } else if (options_.starttls) {
            session.login(helo);  // EHLO again over TLS, as RFC 3207 requires
        }
        session.sendMessage(mail);
        session.close();
    } catch (const Poco::Net::SMTPException& e) {
        const std::string error = "SMTP " + options_.host + ": " + e.displayText();
        if (e.code() >= 500 && e.code() < 600) throw jobs::PermanentJobError(error);
        throw std::runtime_error(error);
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("SMTP " + options_.host + ": " + e.displayText());
    }
}

}  // namespace orbita::kernel::outbox
