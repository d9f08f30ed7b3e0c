#pragma once

#include "models/json.h"
#include "models/mirroringdefinition.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace fmc {

//! One part of an item definition: `{path, payload, payloadType}`
//! (docs/fabric-api-notes.md#definition-parts).
struct DefinitionPart {
    QString path;        //!< "mirroring.json" or ".platform"
    QString payload;     //!< Base64 text, kept exactly as received
    QString payloadType = QStringLiteral("InlineBase64"); //!< the only documented value
    //! The part object as received: toJson() writes the fields above into it, so its key order
    //! and the fields this version does not know are kept.
    Json raw = Json::object();

    //! The part object `{path, payload, payloadType, ...}`.
    Json toJson() const;

    //! \brief A part holding \a bytes, Base64-encoded (standard alphabet, padded).
    static DefinitionPart fromBytes(const QString &path, const QByteArray &bytes);
    //! \brief The decoded payload, or std::nullopt with a sentence naming the part when the
    //! payload is not strict Base64.
    std::optional<QByteArray> decodedPayload(QString *error = nullptr) const;
};

//! \brief A mirrored database's definition as the REST API carries it: Base64 parts.
//!
//! Parses both the request/response body `{"definition": {...}}` and the bare definition object,
//! and builds the body for create and updateDefinition. Parts other than `mirroring.json`
//! (the `.platform` metadata) are kept as received.
class ItemDefinition
{
public:
    static constexpr const char *MirroringPartPath = "mirroring.json";
    static constexpr const char *PlatformPartPath = ".platform";

    //! \brief Reads `{"definition": {"parts": [...]}}` or `{"parts": [...]}`.
    //! Fails, with a sentence in \a error, on a missing or malformed `parts` list, a part without
    //! path or payload, a payloadType other than InlineBase64, a payload that is not Base64
    //! (the error names the part), a duplicate path, or no `mirroring.json` part.
    static std::optional<ItemDefinition> fromJson(const Json &definitionOrBody, QString *error = nullptr);
    //! \brief A definition with the `mirroring.json` part of \a definition, then \a platform if given.
    static ItemDefinition fromMirroringDefinition(const MirroringDefinition &definition,
                                                  const std::optional<DefinitionPart> &platform = std::nullopt);

    //! `{"definition": {"format"?, "parts": [...]}}`, the body of create and updateDefinition.
    Json toRequestBody() const;
    //! The bare definition object `{"format"?, "parts": [...]}` (unknown fields kept).
    Json toJson() const;

    //! \brief Decodes and parses the `mirroring.json` part; errors name the part.
    std::optional<MirroringDefinition> mirroringDefinition(QString *error = nullptr) const;
    //! Replaces the `mirroring.json` payload with \a definition's bytes, keeping every other part.
    void setMirroringDefinition(const MirroringDefinition &definition);

    QList<DefinitionPart> parts() const { return m_parts; }
    //! \brief Drops the part at \a path; returns whether there was one. updateDefinition accepts
    //! `.platform` only with `updateMetadata=true`, so callers drop it otherwise
    //! (docs/fabric-api-notes.md#definition-parts).
    bool removePart(const QString &path);
    //! The part at \a path, if any.
    std::optional<DefinitionPart> part(const QString &path) const;
    //! The optional `format` of the definition (none is documented for mirrored databases).
    std::optional<QString> format() const { return m_format; }
    void setFormat(const std::optional<QString> &format) { m_format = format; }

private:
    std::optional<QString> m_format;
    QList<DefinitionPart> m_parts;
    Json m_raw = Json::object(); // the definition object as received: key order, unknown fields
};

} // namespace fmc
