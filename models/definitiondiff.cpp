#include "models/definitiondiff.h"

#include "models/mirroringdefinition.h"
#include "models/textexcerpt.h"

#include <QCoreApplication>
#include <QSet>

#include <dtl/dtl.hpp>

#include <algorithm>
#include <vector>

namespace fmc {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("fmc::DefinitionDiff", text);
}

// No translation is loaded to pick plural forms by %n, so English picks them here.
QString counted(qsizetype n, const char *one, const char *many)
{
    return n == 1 ? tr(one) : tr(many).arg(n);
}

// Which lines of each text the shortest edit script leaves out of the common subsequence.
struct Changes {
    std::vector<char> removed; // per line of the old text
    std::vector<char> added;   // per line of the new text
};

int indentOf(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == u' ')
        ++n;
    return n;
}

// How badly the block of lines [first, last] reads as one change: it should start and end at the
// outermost indentation it spans, and neither start with a closing bracket nor end with an
// opening one (that is the end of one JSON entry and the start of the next).
int blockCost(const QStringList &lines, int first, int last)
{
    const QString head = lines.at(first).trimmed();
    const QString tail = lines.at(last).trimmed();
    int cost = indentOf(lines.at(first)) + indentOf(lines.at(last));
    if (head.startsWith(u'}') || head.startsWith(u']'))
        cost += 1000;
    if (tail.endsWith(u'{') || tail.endsWith(u'['))
        cost += 1000;
    return cost;
}

Changes shortestEditScript(const QStringList &before, const QStringList &after)
{
    const std::vector<QString> a(before.begin(), before.end());
    const std::vector<QString> b(after.begin(), after.end());
    dtl::Diff<QString, std::vector<QString>> diff(a, b);
    diff.onHuge();
    diff.compose();
    Changes changes{std::vector<char>(size_t(before.size()), 0), std::vector<char>(size_t(after.size()), 0)};
    for (const auto &element : diff.getSes().getSequence()) {
        const dtl::elemInfo &info = element.second;
        if (info.type == dtl::SES_DELETE)
            changes.removed[size_t(info.beforeIdx - 1)] = 1;
        else if (info.type == dtl::SES_ADD)
            changes.added[size_t(info.afterIdx - 1)] = 1;
    }
    return changes;
}

// Moves each block of changed lines of one text, as GNU diff does, to the position that reads
// best (blockCost) among the equally short ones: a block [s, e) may move down one line when
// line s and line e are the same text (and up when lines s-1 and e-1 are). A block never moves
// into its neighbour.
void slideBlocks(std::vector<char> &changed, const QStringList &lines)
{
    const int n = int(lines.size());
    for (int i = 0; i < n;) {
        if (!changed[size_t(i)]) {
            ++i;
            continue;
        }
        int s = i;
        int e = i;
        while (e < n && changed[size_t(e)])
            ++e;
        const auto move = [&](int by) {
            if (by < 0) {
                changed[size_t(s - 1)] = 1;
                changed[size_t(e - 1)] = 0;
            } else {
                changed[size_t(s)] = 0;
                changed[size_t(e)] = 1;
            }
            s += by;
            e += by;
        };
        while (s > 0 && lines.at(s - 1) == lines.at(e - 1) && !(s > 1 && changed[size_t(s - 2)]))
            move(-1);
        int best = s;
        int bestCost = blockCost(lines, s, e - 1);
        while (e < n && lines.at(s) == lines.at(e) && !(e + 1 < n && changed[size_t(e + 1)])) {
            move(+1);
            const int cost = blockCost(lines, s, e - 1);
            if (cost < bestCost) {
                bestCost = cost;
                best = s;
            }
        }
        while (s > best)
            move(-1);
        i = e;
    }
}

QString excerptList(const QStringList &names)
{
    constexpr int kShown = 5;
    QStringList shown;
    for (int i = 0; i < std::min<int>(names.size(), kShown); ++i)
        shown << textExcerpt(names.at(i), 60);
    QString text = shown.join(QStringLiteral(", "));
    if (names.size() > kShown)
        text += tr(" and %1 more").arg(names.size() - kShown);
    return text;
}

QStringList tableNames(const QList<MountedTable> &tables, const QSet<QString> &exclude)
{
    QStringList names;
    for (const MountedTable &t : tables) {
        const QString key = (t.schemaName + u'.' + t.tableName).toCaseFolded();
        if (!exclude.contains(key))
            names << t.schemaName + u'.' + t.tableName;
    }
    return names;
}

QSet<QString> tableKeys(const QList<MountedTable> &tables)
{
    QSet<QString> keys;
    for (const MountedTable &t : tables)
        keys.insert((t.schemaName + u'.' + t.tableName).toCaseFolded());
    return keys;
}

QString orNone(const QString &value)
{
    return value.isEmpty() ? tr("(none)") : textExcerpt(value, 60);
}

} // namespace

QString DefinitionDiff::dtlVersion()
{
    return QString::fromStdString(dtl::version);
}

QStringList DefinitionDiff::linesOf(const QByteArray &utf8)
{
    if (utf8.isEmpty())
        return {};
    QString s = QString::fromUtf8(utf8);
    s.remove(u'\r');
    if (s.endsWith(u'\n'))
        s.chop(1);
    return s.split(u'\n');
}

QList<DiffRow> DefinitionDiff::rows(const QStringList &before, const QStringList &after, int context)
{
    Changes changes = shortestEditScript(before, after);
    slideBlocks(changes.removed, before);
    slideBlocks(changes.added, after);

    QList<DiffRow> rows;
    const int n = int(before.size());
    const int m = int(after.size());
    for (int i = 0, j = 0; i < n || j < m;) {
        if (i < n && j < m && !changes.removed[size_t(i)] && !changes.added[size_t(j)]) {
            rows.append({DiffRow::Kind::Same, i + 1, j + 1, before.at(i), after.at(j), 0});
            ++i;
            ++j;
            continue;
        }
        // One change: its removed lines and its added ones, paired row by row.
        const int removedFrom = i;
        const int addedFrom = j;
        while (i < n && changes.removed[size_t(i)])
            ++i;
        while (j < m && changes.added[size_t(j)])
            ++j;
        if (i == removedFrom && j == addedFrom)
            break; // not a script of these texts (cannot happen); never loop forever
        for (int k = 0; k < std::max(i - removedFrom, j - addedFrom); ++k) {
            DiffRow row;
            if (removedFrom + k < i) {
                row.oldLine = removedFrom + k + 1;
                row.oldText = before.at(removedFrom + k);
            }
            if (addedFrom + k < j) {
                row.newLine = addedFrom + k + 1;
                row.newText = after.at(addedFrom + k);
            }
            row.kind = row.oldLine && row.newLine ? DiffRow::Kind::Changed
                       : row.oldLine              ? DiffRow::Kind::Removed
                                                  : DiffRow::Kind::Added;
            rows.append(row);
        }
    }
    if (context < 0)
        return rows;

    // Fold each run of unchanged lines that is longer than the context it leaves on both sides.
    QList<DiffRow> folded;
    for (qsizetype i = 0; i < rows.size();) {
        if (rows.at(i).kind != DiffRow::Kind::Same) {
            folded.append(rows.at(i++));
            continue;
        }
        qsizetype end = i;
        while (end < rows.size() && rows.at(end).kind == DiffRow::Kind::Same)
            ++end;
        const qsizetype keepBefore = i == 0 ? 0 : context;            // after a change
        const qsizetype keepAfter = end == rows.size() ? 0 : context; // before a change
        if (end - i > keepBefore + keepAfter + 1) {
            folded.append(rows.mid(i, keepBefore));
            DiffRow fold;
            fold.kind = DiffRow::Kind::Folded;
            fold.folded = int(end - i - keepBefore - keepAfter);
            folded.append(fold);
            folded.append(rows.mid(end - keepAfter, keepAfter));
        } else {
            folded.append(rows.mid(i, end - i));
        }
        i = end;
    }
    return folded;
}

QString DefinitionDiff::unifiedText(const QStringList &before, const QStringList &after)
{
    QStringList out;
    QStringList added;
    for (const DiffRow &row : rows(before, after, -1)) {
        if (row.kind == DiffRow::Kind::Same) {
            out << added;
            added.clear();
            out << QStringLiteral("  ") + row.oldText;
            continue;
        }
        if (row.oldLine)
            out << QStringLiteral("- ") + row.oldText;
        if (row.newLine)
            added << QStringLiteral("+ ") + row.newText;
    }
    out << added;
    return out.join(u'\n');
}

QStringList DefinitionDiff::summary(const MirroringDefinition &before, const MirroringDefinition &after)
{
    if (before.document() == after.document())
        return {};
    QStringList parts;
    if (before.sourceType() != after.sourceType())
        parts << tr("source type %1 → %2").arg(orNone(before.sourceType()), orNone(after.sourceType()));
    if (before.connection() != after.connection())
        parts << tr("connection %1 → %2").arg(orNone(before.connection()), orNone(after.connection()));
    if (before.database() != after.database())
        parts << tr("database %1 → %2").arg(orNone(before.database()), orNone(after.database()));

    if (before.mirrorAll() && !after.mirrorAll()) {
        parts << counted(after.mountedTables().size(), "mirror all data → only 1 chosen table",
                         "mirror all data → only %1 chosen tables");
    } else if (!before.mirrorAll() && after.mirrorAll()) {
        parts << tr("only the chosen tables → mirror all data");
    } else if (!after.mirrorAll()) {
        const QList<MountedTable> old = before.mountedTables();
        const QList<MountedTable> now = after.mountedTables();
        const QStringList removed = tableNames(old, tableKeys(now));
        const QStringList added = tableNames(now, tableKeys(old));
        if (!removed.isEmpty())
            parts << counted(removed.size(), "1 table removed: ", "%1 tables removed: ") + excerptList(removed);
        if (!added.isEmpty())
            parts << counted(added.size(), "1 table added: ", "%1 tables added: ") + excerptList(added);
    }

    if (before.retentionInDays() != after.retentionInDays())
        parts << tr("retention %1 → %2 days").arg(before.shownRetentionInDays()).arg(after.shownRetentionInDays());
    if (before.defaultSchema() != after.defaultSchema())
        parts << tr("default schema %1 → %2").arg(orNone(before.defaultSchema()), orNone(after.defaultSchema()));
    const bool feedBefore = before.enableDeltaChangeDataFeed().value_or(false);
    const bool feedAfter = after.enableDeltaChangeDataFeed().value_or(false);
    if (feedBefore != feedAfter)
        parts << (feedAfter ? tr("Delta change data feed turned on") : tr("Delta change data feed turned off"));
    if (parts.isEmpty())
        parts << tr("other changes in mirroring.json");
    return parts;
}

} // namespace fmc
