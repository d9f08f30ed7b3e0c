#include "models/rebindingmap.h"

#include <QCoreApplication>

namespace fmc {

namespace {

constexpr const char *kFormat = "fmc-rebinding-map";
constexpr int kVersion = 1;

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::RebindingMap", text);
}

struct Field {
    const char *key;
    Rebinding RebindingMap::*member;
};

constexpr Field kFields[] = {
    {"connection", &RebindingMap::connection},
    {"database", &RebindingMap::database},
    {"defaultSchema", &RebindingMap::defaultSchema},
    {"displayName", &RebindingMap::displayName},
};

} // namespace

RebindingMap RebindingMap::identity(const MirroringDefinition &definition, const QString &name)
{
    RebindingMap map;
    map.connection.from = definition.connection();
    map.database.from = definition.database();
    map.defaultSchema.from = definition.defaultSchema();
    map.displayName.from = name;
    return map;
}

MirroringDefinition RebindingMap::apply(const MirroringDefinition &definition) const
{
    MirroringDefinition out = definition;
    if (connection.changes())
        out.setConnection(connection.to);
    if (database.changes())
        out.setDatabase(database.to);
    if (defaultSchema.changes())
        out.setDefaultSchema(defaultSchema.to);
    return out;
}

Json RebindingMap::toJson() const
{
    Json json = Json::object();
    json["format"] = kFormat;
    json["version"] = kVersion;
    for (const Field &f : kFields)
        json[f.key] = Json{{"from", toStdString((this->*f.member).from)}, {"to", toStdString((this->*f.member).to)}};
    return json;
}

std::optional<RebindingMap> RebindingMap::fromJson(const Json &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<RebindingMap> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!json.is_object() || json.value("format", Json()) != kFormat)
        return fail(tr("This is not a rebinding map (its \"format\" is not \"%1\").").arg(QLatin1String(kFormat)));
    if (json.value("version", Json()) != kVersion)
        return fail(tr("This rebinding map has a version this console does not read (it reads version %1).").arg(kVersion));
    RebindingMap map;
    for (const Field &f : kFields) {
        if (!json.contains(f.key))
            continue;
        const Json &entry = json.at(f.key);
        Rebinding &r = map.*f.member;
        for (auto [name, target] : {std::pair{"from", &r.from}, std::pair{"to", &r.to}}) {
            if (!entry.is_object() || !entry.contains(name))
                continue;
            if (!entry.at(name).is_string())
                return fail(tr("\"%1.%2\" of the rebinding map is not text.").arg(QLatin1String(f.key), QLatin1String(name)));
            *target = toQString(entry.at(name).get<std::string>());
        }
    }
    return map;
}

} // namespace fmc
