#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace fmc {

//! Every JSON value in models/ is an ordered_json: key order is kept so that a document we load
//! and save again changes only what was edited (mirroring.json must round-trip byte for byte).
using Json = nlohmann::ordered_json;

//! Limits that keep a hostile or broken document from exhausting memory or the stack.
struct JsonLimits {
    qsizetype maxBytes = 64 * 1024 * 1024;
    int maxDepth = 64;
};

//! \brief Parses bytes as JSON within \a limits.
//! Returns the value, or std::nullopt with a sentence for the user in \a error.
std::optional<Json> parseJson(const QByteArray &bytes, QString *error = nullptr,
                              const JsonLimits &limits = {});

//! \brief Serialises \a value compactly (\a indent < 0) or pretty-printed.
QByteArray dumpJson(const Json &value, int indent = -1);

QString toQString(const std::string &utf8);
std::string toStdString(const QString &text);

} // namespace fmc
