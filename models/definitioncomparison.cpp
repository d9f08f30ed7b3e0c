#include "models/definitioncomparison.h"

#include "models/mirroringdefinitiontext.h"

#include <QCoreApplication>
#include <QSet>

namespace fmc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::DefinitionComparison", text);
}

// The fields the named aspects already cover, so "Other" lists only what they do not.
const QSet<QString> &coveredPaths()
{
    static const QSet<QString> paths = {
        QStringLiteral("properties.source.type"),
        QStringLiteral("properties.source.typeProperties.connection"),
        QStringLiteral("properties.source.typeProperties.database"),
        QStringLiteral("properties.target.typeProperties.defaultSchema"),
        QStringLiteral("properties.target.typeProperties.retentionInDays"),
        QStringLiteral("properties.target.typeProperties.enableDeltaChangeDataFeed"),
        QStringLiteral("properties.mountedTables"),
    };
    return paths;
}

// A hostile document could nest deeply or hold thousands of fields: the list is for reading.
constexpr qsizetype kMaxOtherPaths = 50;
constexpr int kMaxDepth = 32;

void collectDifferences(const Json *left, const Json *right, const QString &path, int depth, QStringList &out)
{
    if (out.size() >= kMaxOtherPaths || coveredPaths().contains(path))
        return;
    const bool bothObjects = left && right && left->is_object() && right->is_object();
    if (!bothObjects || depth >= kMaxDepth) {
        const bool same = (left == nullptr) == (right == nullptr) && (!left || *left == *right);
        if (!same)
            out << path;
        return;
    }
    QStringList keys;
    for (auto it = left->begin(); it != left->end(); ++it)
        keys << toQString(it.key());
    for (auto it = right->begin(); it != right->end(); ++it)
        if (!left->contains(it.key()))
            keys << toQString(it.key());
    for (const QString &key : keys) {
        const std::string k = toStdString(key);
        const Json *l = left->contains(k) ? &left->at(k) : nullptr;
        const Json *r = right->contains(k) ? &right->at(k) : nullptr;
        collectDifferences(l, r, path.isEmpty() ? key : path + u'.' + key, depth + 1, out);
    }
}

QString shown(const QString &value)
{
    return value.isEmpty() ? tr("(none)") : value;
}

QString tablesText(const MirroringDefinition &definition)
{
    if (definition.mirrorAll())
        return tr("all data");
    const qsizetype n = definition.mountedTables().size();
    return n == 1 ? tr("1 table") : tr("%1 tables").arg(n);
}

QString feedText(const MirroringDefinition &definition)
{
    return definition.enableDeltaChangeDataFeed().value_or(false) ? tr("on") : tr("off");
}

//! `schema.table` of each table of \a from that \a other does not mount (names compared case-blind, as SQL does).
QStringList mountedOnlyIn(const MirroringDefinition &from, const MirroringDefinition &other)
{
    if (from.mirrorAll() || other.mirrorAll())
        return {};
    QSet<QString> otherKeys;
    for (const MountedTable &t : other.mountedTables())
        otherKeys.insert(QStringList{t.schemaName, t.tableName}.join(u'.').toCaseFolded());
    QStringList only;
    for (const MountedTable &t : from.mountedTables()) {
        const QString name = QStringList{t.schemaName, t.tableName}.join(u'.');
        if (!otherKeys.contains(name.toCaseFolded()))
            only << name;
    }
    return only;
}

} // namespace

DefinitionComparison DefinitionComparison::compare(const MirroringDefinition &left, const MirroringDefinition &right)
{
    using Aspect = ComparisonLine::Aspect;
    DefinitionComparison c;
    // Both sides in one layout: a compact answer from the service and an indented file would
    // otherwise differ on every line.
    c.m_leftText = DefinitionText::serialize(left.document(), DefinitionText::defaultStyle());
    c.m_rightText = DefinitionText::serialize(right.document(), DefinitionText::defaultStyle());
    auto add = [&c](Aspect aspect, const QString &l, const QString &r, bool differs) {
        c.m_lines.append({aspect, l, r, differs});
    };
    add(Aspect::SourceType, shown(left.sourceType()), shown(right.sourceType()), left.sourceType() != right.sourceType());
    add(Aspect::Connection, shown(left.connection()), shown(right.connection()), left.connection() != right.connection());
    add(Aspect::Database, shown(left.database()), shown(right.database()), left.database() != right.database());
    add(Aspect::TargetSchema, shown(left.defaultSchema()), shown(right.defaultSchema()),
        left.defaultSchema() != right.defaultSchema());
    add(Aspect::Retention, tr("%1 days").arg(left.shownRetentionInDays()), tr("%1 days").arg(right.shownRetentionInDays()),
        left.shownRetentionInDays() != right.shownRetentionInDays());
    add(Aspect::ChangeDataFeed, feedText(left), feedText(right), feedText(left) != feedText(right));

    c.m_onlyLeft = mountedOnlyIn(left, right);
    c.m_onlyRight = mountedOnlyIn(right, left);
    const bool tablesDiffer = left.mirrorAll() != right.mirrorAll() || !c.m_onlyLeft.isEmpty() || !c.m_onlyRight.isEmpty();
    add(Aspect::Tables, tablesText(left), tablesText(right), tablesDiffer);

    collectDifferences(&left.document(), &right.document(), QString(), 0, c.m_otherPaths);
    if (!c.m_otherPaths.isEmpty())
        add(Aspect::Other, c.m_otherPaths.join(QStringLiteral(", ")), c.m_otherPaths.join(QStringLiteral(", ")), true);
    return c;
}

QList<ComparisonLine::Aspect> DefinitionComparison::differingAspects() const
{
    QList<ComparisonLine::Aspect> aspects;
    for (const ComparisonLine &line : m_lines)
        if (line.differs)
            aspects << line.aspect;
    return aspects;
}

QList<DiffRow> DefinitionComparison::diffRows(int context) const
{
    return DefinitionDiff::rows(DefinitionDiff::linesOf(m_leftText), DefinitionDiff::linesOf(m_rightText), context);
}

QString DefinitionComparison::aspectName(ComparisonLine::Aspect aspect)
{
    switch (aspect) {
    case ComparisonLine::Aspect::SourceType: return tr("Source type");
    case ComparisonLine::Aspect::Connection: return tr("Connection");
    case ComparisonLine::Aspect::Database: return tr("Database");
    case ComparisonLine::Aspect::TargetSchema: return tr("Target schema");
    case ComparisonLine::Aspect::Retention: return tr("Retention");
    case ComparisonLine::Aspect::ChangeDataFeed: return tr("Change data feed");
    case ComparisonLine::Aspect::Tables: return tr("Tables");
    case ComparisonLine::Aspect::Other: return tr("Other fields");
    }
    return {};
}

} // namespace fmc
