#include "models/fabriccicdparameters.h"

namespace fmc {

QString FabricCicdParameters::quoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + u'"';
}

QString FabricCicdParameters::parameterYml(const RebindingMap &map, const QString &environment)
{
    const QString item = map.displayName.from;
    QString yml = QStringLiteral("# fabric-cicd deployment parameters, written by Fabric Mirroring Console\n"
                                 "# for the mirrored database %1 (environment %2).\n")
                      .arg(quoted(item), quoted(environment));
    QString entries;
    auto entry = [&](const char *what, const Rebinding &r) {
        if (!r.changes())
            return;
        entries += QStringLiteral("    # %1\n"
                                  "    - find_value: %2\n"
                                  "      replace_value:\n"
                                  "          %3: %4\n"
                                  "      item_type: \"MirroredDatabase\"\n"
                                  "      item_name: %5\n")
                       .arg(QLatin1String(what), quoted(r.from), quoted(environment), quoted(r.to), quoted(item));
    };
    entry("source connection id", map.connection);
    entry("source database name", map.database);
    if (entries.isEmpty())
        yml += QStringLiteral("# The rebinding map changes no connection id or database name.\n"
                              "find_replace: []\n");
    else
        yml += QStringLiteral("find_replace:\n") + entries;
    if (map.defaultSchema.changes() || map.displayName.changes())
        yml += QStringLiteral("# Not written here: the default schema %1 → %2 and the display name %3 → %4\n"
                              "# (rebind them in the item's folder or name it in the target workspace).\n")
                   .arg(quoted(map.defaultSchema.from), quoted(map.defaultSchema.to), quoted(map.displayName.from),
                        quoted(map.targetName()));
    return yml;
}

} // namespace fmc
