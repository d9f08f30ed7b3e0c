#include "faultinjector.h"

#include <QRegularExpression>

namespace fmc::sandbox {

FaultInjector::FaultInjector(quint32 seed)
    : m_random(seed ^ 0x5eed'fa17u)
{
}

int FaultInjector::add(FaultRule rule)
{
    rule.id = m_nextId++;
    m_rules.append(rule);
    return rule.id;
}

bool FaultInjector::remove(int id)
{
    return m_rules.removeIf([id](const FaultRule &rule) { return rule.id == id; }) > 0;
}

void FaultInjector::clear()
{
    m_rules.clear();
}

bool FaultInjector::operationMatches(const QString &operation, const QString &operationId)
{
    if (operation.isEmpty())
        return true;
    if (operationId.isEmpty())
        return false;
    if (operation.compare(operationId, Qt::CaseInsensitive) == 0)
        return true;
    // "getTablesMirroringStatus" names Mirroring_GetTablesMirroringStatus, and
    // "getDefinition" names Items_GetMirroredDatabaseDefinition. The preview operations' ids are
    // words joined by '_' with a "(beta)" at the end ("Refresh_Refresh_Catalog_Metadata_(beta)"):
    // "refreshCatalogMetadata" names that one as it names the Databricks catalog's.
    QString shortName = operationId.mid(operationId.indexOf(u'_') + 1);
    if (shortName.endsWith(QLatin1String("_(beta)")))
        shortName.chop(7);
    shortName.remove(u'_');
    if (operation.compare(shortName, Qt::CaseInsensitive) == 0)
        return true;
    shortName.remove(QLatin1String("MirroredDatabase"));
    return operation.compare(shortName, Qt::CaseInsensitive) == 0;
}

std::optional<FaultRule> FaultInjector::take(const QByteArray &method, const QString &path,
                                             const QString &operationId)
{
    for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
        FaultRule &rule = *it;
        if (rule.count == 0)
            continue;
        // A rule without any matcher is global: it covers the Fabric API, not the sign-in paths.
        const bool global = rule.operation.isEmpty() && rule.pathPattern.isEmpty();
        if (global && !path.startsWith(QLatin1String("/v1/")))
            continue;
        if (!rule.method.isEmpty() && rule.method != method)
            continue;
        if (!operationMatches(rule.operation, operationId))
            continue;
        if (!rule.pathPattern.isEmpty()
            && !QRegularExpression(rule.pathPattern).match(path).hasMatch())
            continue;
        if (rule.probability < 1.0 && m_random.generateDouble() >= rule.probability)
            continue;
        const FaultRule fired = rule;
        if (rule.count > 0 && --rule.count == 0)
            m_rules.erase(it);
        return fired;
    }
    return std::nullopt;
}

} // namespace fmc::sandbox
