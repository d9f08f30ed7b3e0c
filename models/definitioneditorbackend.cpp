#include "definitioneditorbackend.h"

#include "models/tableselectionmodel.h"

#include <algorithm>
#include <vector>

namespace fmc {

namespace {

constexpr int kMaxNameLength = 256;

// A minimal line diff (longest common subsequence), enough for the few hundred lines of a
// mirroring.json; larger inputs fall back to "all removed, all added" to stay fast.
QString lineDiff(const QStringList &before, const QStringList &after)
{
    const qsizetype n = before.size();
    const qsizetype m = after.size();
    QStringList out;
    if (n * m > 4'000'000) {
        for (const QString &line : before)
            out << QStringLiteral("- ") + line;
        for (const QString &line : after)
            out << QStringLiteral("+ ") + line;
        return out.join(u'\n');
    }
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[size_t(i)][size_t(j)] = before.at(i) == after.at(j)
                ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && before.at(i) == after.at(j)) {
            out << QStringLiteral("  ") + before.at(i);
            ++i;
            ++j;
        } else if (i < n && (j == m || lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)])) {
            out << QStringLiteral("- ") + before.at(i++);
        } else {
            out << QStringLiteral("+ ") + after.at(j++);
        }
    }
    return out.join(u'\n');
}

QStringList linesOf(const QByteArray &text)
{
    if (text.isEmpty())
        return {};
    QString s = QString::fromUtf8(text);
    s.remove(u'\r');
    if (s.endsWith(u'\n'))
        s.chop(1);
    return s.split(u'\n');
}

} // namespace

QString ConnectionChoice::label() const
{
    QString text = displayName.isEmpty() ? id : displayName;
    if (!type.isEmpty())
        text += QStringLiteral(" (%1)").arg(type);
    if (!path.isEmpty())
        text += QStringLiteral(": ") + path;
    return text;
}

DefinitionEditorBackend::DefinitionEditorBackend(Mode mode, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
    , m_tables(new TableSelectionModel(this))
{
    connect(m_tables, &TableSelectionModel::selectionChanged, this, &DefinitionEditorBackend::syncDefinitionFromTables);
    m_tables->setLimit(m_limits.maxTables(sourceType()));
    m_definitionBytes = m_definition.toJsonBytes();
    revalidate();
    m_savedState = savedState();
}

DefinitionEditorBackend::~DefinitionEditorBackend() = default;

DefinitionEditorBackend::Parts DefinitionEditorBackend::setMode(Mode mode)
{
    if (mode == m_mode)
        return {};
    m_mode = mode;
    return ModePart;
}

void DefinitionEditorBackend::beginEdit(const QString &workspaceId, const QString &itemId, const QString &name,
                                        const QString &description)
{
    m_workspaceId = workspaceId;
    m_itemId = itemId;
    m_name = name;
    m_description = description;
    const Parts mode = setMode(Mode::Edit);
    m_savedState = savedState();
    changed(AllParts | mode, false);
}

bool DefinitionEditorBackend::loadItemDefinition(const Json &definitionOrBody)
{
    QString error;
    auto item = ItemDefinition::fromJson(definitionOrBody, &error);
    std::optional<MirroringDefinition> definition;
    if (item)
        definition = item->mirroringDefinition(&error);
    if (!definition) {
        setLastError(QStringLiteral("The service returned a definition this editor cannot read: %1").arg(error));
        return false;
    }
    m_loadedItem = item;
    setOriginal(definition->toJsonBytes());
    replaceDefinition(*definition);
    m_savedState = savedState();
    setLastError({});
    changed(AllParts, false);
    return true;
}

void DefinitionEditorBackend::setMirroringStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    changed(SourcePart, false, false);
}

bool DefinitionEditorBackend::sourceLocked() const
{
    return m_mode == Mode::Edit && !MirroringDefinition::allowsRestrictedChanges(m_status);
}

QString DefinitionEditorBackend::lockReason() const
{
    if (!sourceLocked())
        return {};
    if (m_status.isEmpty())
        return QStringLiteral("The source connection, database and default schema stay as they are until the "
                              "database's status is known.");
    return QStringLiteral("The database is %1. The service changes the source connection, database and default "
                          "schema only while it is Initialized or Stopped: stop mirroring to change them.")
        .arg(m_status);
}

void DefinitionEditorBackend::setDefinition(const MirroringDefinition &definition)
{
    replaceDefinition(definition);
    changed(AllParts, false);
}

void DefinitionEditorBackend::restoreEdits(const QString &name, const QString &description,
                                           const MirroringDefinition &definition)
{
    m_name = name;
    m_description = description;
    replaceDefinition(definition);
    userEdit(AllParts);
}

void DefinitionEditorBackend::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    userEdit(IdentityPart);
}

void DefinitionEditorBackend::setDescription(const QString &description)
{
    if (description == m_description)
        return;
    m_description = description;
    userEdit(IdentityPart);
}

void DefinitionEditorBackend::setSourceType(const QString &type)
{
    if (type == sourceType())
        return;
    m_definition.setSourceType(type);
    // Keep only the fields the new type uses, so the document never carries a stale value the
    // form no longer shows (docs/fabric-api-notes.md#source-types: no connection for
    // GenericMirror and SAP, external storages for Snowflake, subType and landing zone for SAP).
    if (const auto info = MirroringDefinition::sourceTypeInfo(type)) {
        if (!info->needsConnection) {
            m_definition.setConnection({});
            m_definition.setDatabase({});
        }
        if (!info->usesExternalStorages)
            m_definition.setExternalStorages({});
        if (!info->usesLandingZone) {
            m_definition.setSapSubType({});
            m_definition.setLandingZone(std::nullopt);
        }
    }
    m_tables->setLimit(m_limits.maxTables(type));
    userEdit(SourcePart | TablesPart); // the table limit depends on the type
}

void DefinitionEditorBackend::setConnection(const QString &connection)
{
    if (connection == this->connection())
        return;
    if (sourceLocked()) {
        setLastError(lockReason());
        return;
    }
    m_definition.setConnection(connection.trimmed());
    userEdit(SourcePart);
}

void DefinitionEditorBackend::setDatabase(const QString &database)
{
    if (database == this->database())
        return;
    if (sourceLocked()) {
        setLastError(lockReason());
        return;
    }
    m_definition.setDatabase(database);
    userEdit(SourcePart);
}

void DefinitionEditorBackend::setDefaultSchema(const QString &schema)
{
    if (schema == defaultSchema())
        return;
    if (sourceLocked()) {
        setLastError(lockReason());
        return;
    }
    m_definition.setDefaultSchema(schema);
    userEdit(TargetPart);
}

void DefinitionEditorBackend::setRetentionInDays(int days)
{
    if (m_definition.retentionInDays() == days)
        return;
    m_definition.setRetentionInDays(days);
    userEdit(TargetPart);
}

void DefinitionEditorBackend::setChangeDataFeed(bool enable)
{
    if (changeDataFeed() == enable && m_definition.enableDeltaChangeDataFeed().has_value() == enable)
        return;
    // Unchecking removes the key unless the loaded document had it: the service's default is off.
    const bool hadKey = m_original && m_original->enableDeltaChangeDataFeed().has_value();
    m_definition.setEnableDeltaChangeDataFeed(enable || hadKey ? std::optional<bool>(enable) : std::nullopt);
    userEdit(TargetPart);
}

void DefinitionEditorBackend::setMirrorAll(bool all)
{
    if (all == mirrorAll())
        return;
    m_definition.setMirrorAll(all);
    if (!all)
        m_definition.setMountedTables(m_tables->checkedTables());
    userEdit(TablesPart);
}

void DefinitionEditorBackend::setSapSubType(const QString &subType)
{
    if (subType == sapSubType())
        return;
    m_definition.setSapSubType(subType);
    userEdit(SourcePart);
}

void DefinitionEditorBackend::setLandingZone(const std::optional<LandingZone> &zone)
{
    if (zone == landingZone())
        return;
    m_definition.setLandingZone(zone);
    userEdit(SourcePart);
}

void DefinitionEditorBackend::setExternalStorages(const QList<ExternalStorage> &storages)
{
    if (storages == externalStorages())
        return;
    m_definition.setExternalStorages(storages);
    userEdit(SourcePart);
}

void DefinitionEditorBackend::setConnectionChoices(const QList<ConnectionChoice> &choices)
{
    m_connectionChoices = choices;
    emit connectionChoicesChanged();
}

void DefinitionEditorBackend::setConnections(const QList<Connection> &connections)
{
    QList<ConnectionChoice> choices;
    for (const Connection &connection : connections) {
        const auto details = connection.connectionDetails.value_or(Connection::Details());
        choices.append({connection.id, connection.displayName, details.type, details.path});
    }
    setConnectionChoices(choices);
}

QString DefinitionEditorBackend::addMirroredTables(const QList<TableMirroringStatus> &statuses)
{
    QList<MountedTable> tables;
    for (const TableMirroringStatus &status : statuses)
        tables.append({status.sourceSchemaName, status.sourceTableName});
    if (mirrorAll())
        setMirrorAll(false);
    return m_tables->addTables(tables).summary();
}

QString DefinitionEditorBackend::resolveConnection(const QString &text) const
{
    const QString trimmed = text.trimmed();
    for (const ConnectionChoice &choice : m_connectionChoices) {
        if (choice.label() == trimmed || choice.displayName == trimmed || choice.id.compare(trimmed, Qt::CaseInsensitive) == 0)
            return choice.id;
    }
    return trimmed;
}

void DefinitionEditorBackend::setLimits(const DefinitionLimits &limits)
{
    m_limits = limits;
    m_tables->setLimit(m_limits.maxTables(sourceType()));
    changed(TablesPart, false, false);
}

QString DefinitionEditorBackend::tableCounter() const
{
    if (mirrorAll())
        return QStringLiteral("All tables (at most %1)").arg(m_tables->limit());
    return QStringLiteral("%1 / %2 tables selected").arg(m_tables->checkedCount()).arg(m_tables->limit());
}

QString DefinitionEditorBackend::fieldMessage(const QList<int> &fields) const
{
    QStringList errors;
    QStringList warnings;
    for (const ValidationProblem &problem : m_problems) {
        if (fields.contains(int(problem.field)))
            (problem.isError() ? errors : warnings) << problem.message;
    }
    return (errors + warnings).join(u'\n');
}

bool DefinitionEditorBackend::fieldHasError(const QList<int> &fields) const
{
    return std::any_of(m_problems.begin(), m_problems.end(),
                       [&fields](const ValidationProblem &p) { return p.isError() && fields.contains(int(p.field)); });
}

QStringList DefinitionEditorBackend::blockingReasons() const
{
    QStringList reasons;
    for (const ValidationProblem &problem : m_problems) {
        if (problem.isError())
            reasons << problem.message;
    }
    return reasons;
}

ItemDefinition DefinitionEditorBackend::itemDefinition() const
{
    if (!m_loadedItem)
        return ItemDefinition::fromMirroringDefinition(m_definition);
    ItemDefinition item = *m_loadedItem;
    item.setMirroringDefinition(m_definition);
    // The editor never changes the item's metadata: .platform would count only with
    // updateMetadata=true, and then it could undo a rename made elsewhere since loading.
    item.removePart(QString::fromLatin1(ItemDefinition::PlatformPartPath));
    return item;
}

void DefinitionEditorBackend::setRequestBodyBuilder(RequestBodyBuilder builder)
{
    m_requestBody = std::move(builder);
    m_previews.reset();
    emit previewsChanged();
}

const DefinitionEditorBackend::Previews &DefinitionEditorBackend::previews() const
{
    if (!m_previews) {
        Previews previews;
        previews.json = QString::fromUtf8(m_definitionBytes);
        const auto part = itemDefinition().part(QString::fromLatin1(ItemDefinition::MirroringPartPath));
        previews.payload = part ? part->payload : QString();
        if (m_requestBody)
            previews.requestBody = QString::fromUtf8(dumpJson(m_requestBody(*this), 4));
        m_previews = std::move(previews);
    }
    return *m_previews;
}

QString DefinitionEditorBackend::diffText() const
{
    return lineDiff(linesOf(m_originalBytes), linesOf(m_definitionBytes));
}

void DefinitionEditorBackend::markSaved()
{
    recordSaved(Parts());
}

void DefinitionEditorBackend::recordSaved(Parts parts)
{
    setOriginal(m_definitionBytes);
    if (m_loadedItem)
        m_loadedItem->setMirroringDefinition(m_definition);
    m_savedState = savedState();
    emit saved();
    // The document is unchanged; what was loaded is not (the database-changed warning, the diff).
    changed(parts, false, false);
}

void DefinitionEditorBackend::fileOpened(const QString &path, const MirroringDefinition &definition)
{
    m_filePath = path;
    m_loadedItem.reset();
    const Parts mode = setMode(Mode::Offline);
    setOriginal(definition.toJsonBytes()); // unchanged, so the bytes of the file
    replaceDefinition(definition);
    m_savedState = savedState();
    setLastError({});
    emit filePathChanged();
    changed(AllParts | mode, false);
}

void DefinitionEditorBackend::fileSaved(const QString &path)
{
    if (path != m_filePath) {
        m_filePath = path;
        emit filePathChanged();
    }
    const Parts mode = m_mode == Mode::Create ? setMode(Mode::Offline) : Parts();
    setLastError({});
    recordSaved(mode);
}

void DefinitionEditorBackend::changed(Parts parts, bool byUser, bool documentChanged)
{
    if (m_syncing)
        return;
    // Everything derived is brought up to date before the first signal, so that every slot reads
    // one consistent state; the previews only become stale here and are built when next read.
    if (documentChanged)
        m_definitionBytes = m_definition.toJsonBytes();
    const QList<ValidationProblem> problemsBefore = m_problems;
    revalidate();
    // The request body depends on the name (create) and the mode (create or updateDefinition).
    const bool previewsStale = documentChanged || (parts & (IdentityPart | ModePart));
    if (previewsStale)
        m_previews.reset();
    const bool dirty = isDirty();

    if (parts & ModePart)
        emit modeChanged();
    if (parts & IdentityPart)
        emit identityChanged();
    if (parts & SourcePart)
        emit sourceChanged();
    if (parts & TablesPart)
        emit tablesChanged();
    if (parts & TargetPart)
        emit targetChanged();
    if (m_problems != problemsBefore)
        emit validationChanged();
    if (previewsStale)
        emit previewsChanged();
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        emit dirtyChanged();
    }
    if (byUser)
        emit edited();
}

void DefinitionEditorBackend::revalidate()
{
    m_problems = m_definition.validate(m_limits);
    if (m_mode == Mode::Create) {
        const auto field = static_cast<ValidationProblem::Field>(int(ExtraField::Name));
        const QString name = m_name.trimmed();
        if (name.isEmpty())
            m_problems.prepend({QStringLiteral("displayName"), QStringLiteral("Give the mirrored database a name."),
                                field, ValidationProblem::Severity::Error, -1});
        else if (name.size() > kMaxNameLength)
            m_problems.prepend({QStringLiteral("displayName"),
                                QStringLiteral("The name has %1 characters; at most %2 are allowed.")
                                    .arg(name.size())
                                    .arg(kMaxNameLength),
                                field, ValidationProblem::Severity::Error, -1});
    }
    // "Mirror all data" takes only the first N tables (by schema, then table), and a chosen list
    // at the limit has likely left some out (docs/fabric-api-notes.md#table-limits). The portal's
    // warning, which blocks nothing.
    const int limit = m_limits.maxTables(sourceType());
    if (mirrorAll() || m_definition.mountedTables().size() == limit)
        m_problems.append({QStringLiteral("properties.mountedTables"),
                           QStringLiteral("The tables count might exceed the limit, there could be some tables missing."),
                           ValidationProblem::Field::MountedTables, ValidationProblem::Severity::Warning, -1});
    if (m_mode == Mode::Edit && m_original) {
        // The troubleshooting page still calls a new source database unsupported
        // (docs/fabric-api-notes.md#restricted-fields).
        if (m_original->database() != database())
            m_problems.append({QStringLiteral("properties.source.typeProperties.database"),
                               QStringLiteral("Changing the source database is not supported by every source; the "
                                              "mirror may need to be recreated."),
                               ValidationProblem::Field::Database, ValidationProblem::Severity::Warning, -1});
    }
}

void DefinitionEditorBackend::syncTablesFromDefinition()
{
    m_syncing = true;
    m_tables->setTables(m_definition.mountedTables());
    m_syncing = false;
}

void DefinitionEditorBackend::syncDefinitionFromTables()
{
    if (m_syncing || mirrorAll())
        return;
    m_definition.setMountedTables(m_tables->checkedTables());
    userEdit(TablesPart);
}

void DefinitionEditorBackend::replaceDefinition(const MirroringDefinition &definition)
{
    m_definition = definition;
    m_definitionBytes = m_definition.toJsonBytes();
    m_tables->setLimit(m_limits.maxTables(sourceType()));
    syncTablesFromDefinition();
}

void DefinitionEditorBackend::setOriginal(const QByteArray &bytes)
{
    m_originalBytes = bytes;
    m_original = bytes.isEmpty() ? std::nullopt : MirroringDefinition::fromJsonBytes(bytes);
}

void DefinitionEditorBackend::setLastError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    emit lastErrorChanged();
}

QByteArray DefinitionEditorBackend::savedState() const
{
    return m_name.toUtf8() + '\0' + m_description.toUtf8() + '\0' + m_definitionBytes;
}

} // namespace fmc
