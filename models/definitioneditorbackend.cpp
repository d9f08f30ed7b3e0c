#include "definitioneditorbackend.h"

#include "models/mirroringdefinitiontext.h"
#include "models/tableselectionmodel.h"
#include "models/textexcerpt.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace fmc {

namespace {

constexpr int kMaxNameLength = 256;

// The two texts the diff before Apply compares, line by line. The service answers with the whole
// document on one line: both sides are then laid out one member per line, or there would be
// nothing to align.
std::pair<QStringList, QStringList> diffLines(const QByteArray &before, const MirroringDefinition *original,
                                              const QByteArray &after, const MirroringDefinition &edited)
{
    if (!original || DefinitionText::detectStyle(before).pretty)
        return {DefinitionDiff::linesOf(before), DefinitionDiff::linesOf(after)};
    const DefinitionText::Style style = DefinitionText::defaultStyle();
    return {DefinitionDiff::linesOf(DefinitionText::serialize(original->document(), style)),
            DefinitionDiff::linesOf(DefinitionText::serialize(edited.document(), style))};
}

} // namespace

QString ConnectionChoice::shortLabel() const
{
    QString text = displayName.isEmpty() ? id : displayName;
    if (!type.isEmpty())
        text += QStringLiteral(" (%1)").arg(type);
    return text;
}

QString ConnectionChoice::label() const
{
    QString text = shortLabel();
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
    const auto before = MirroringDefinition::sourceTypeInfo(sourceType());
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
        // Only SAP's landing zone is stale once the source is no longer SAP; another source's
        // landingZone (other tools write {"type": "MountedRelationalDatabase"}) is not the form's
        // to drop.
        if (!info->usesLandingZone && before && before->usesLandingZone) {
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
    const bool wasRefused = m_refusedRetention.has_value();
    m_refusedRetention.reset();
    if (m_definition.retentionInDays() == days) {
        if (wasRefused)
            changed(TargetPart, true, false);
        return;
    }
    m_definition.setRetentionInDays(days);
    userEdit(TargetPart);
}

void DefinitionEditorBackend::setRetentionText(const QString &text)
{
    static const QRegularExpression wholeNumber(QStringLiteral("^[0-9]{1,9}$"));
    const QString typed = text.trimmed();
    if (wholeNumber.match(typed).hasMatch()) {
        setRetentionInDays(typed.toInt());
        return;
    }
    if (m_refusedRetention == typed)
        return;
    m_refusedRetention = typed;
    changed(TargetPart, true, false);
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

void DefinitionEditorBackend::setWorkspaceName(const QString &name)
{
    if (name == m_workspaceName)
        return;
    m_workspaceName = name;
    emit identityChanged();
}

QList<ConnectionChoice> DefinitionEditorBackend::connectionChoicesForSource() const
{
    // connectionDetails.type of the connections each source type is created with in the portal.
    static const QHash<QString, QStringList> kConnectionTypes{
        {QStringLiteral("AzureSqlDatabase"), {QStringLiteral("SQL")}},
        {QStringLiteral("AzureSqlMI"), {QStringLiteral("SQL")}},
        {QStringLiteral("MSSQL"), {QStringLiteral("SQL")}},
        {QStringLiteral("SqlServer2025"), {QStringLiteral("SQL")}},
        {QStringLiteral("AzurePostgreSql"), {QStringLiteral("PostgreSQL")}},
        {QStringLiteral("AzureMySql"), {QStringLiteral("MySql")}},
        {QStringLiteral("Snowflake"), {QStringLiteral("Snowflake")}},
        {QStringLiteral("CosmosDb"), {QStringLiteral("CosmosDB"), QStringLiteral("DocumentDB")}},
        {QStringLiteral("Oracle"), {QStringLiteral("Oracle")}},
        {QStringLiteral("GoogleBigQuery"), {QStringLiteral("GoogleBigQuery")}},
        {QStringLiteral("SharePointList"), {QStringLiteral("SharePointList"), QStringLiteral("SharePoint")}},
    };
    const auto types = kConnectionTypes.constFind(sourceType());
    if (types == kConnectionTypes.constEnd())
        return m_connectionChoices;
    QList<ConnectionChoice> fitting;
    for (const ConnectionChoice &choice : m_connectionChoices) {
        const bool fits = std::any_of(types->begin(), types->end(), [&](const QString &type) {
            return choice.type.compare(type, Qt::CaseInsensitive) == 0;
        });
        if (fits || choice.id == connection())
            fitting.append(choice);
    }
    return fitting;
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
        if (choice.label() == trimmed || choice.shortLabel() == trimmed || choice.displayName == trimmed
            || choice.id.compare(trimmed, Qt::CaseInsensitive) == 0)
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
    const auto [before, after] = diffLines(m_originalBytes, m_original ? &*m_original : nullptr, m_definitionBytes,
                                           m_definition);
    return DefinitionDiff::unifiedText(before, after);
}

QList<DiffRow> DefinitionEditorBackend::diffRows() const
{
    const auto [before, after] = diffLines(m_originalBytes, m_original ? &*m_original : nullptr, m_definitionBytes,
                                           m_definition);
    return DefinitionDiff::rows(before, after);
}

QString DefinitionEditorBackend::changeSummary() const
{
    return DefinitionDiff::summary(m_original.value_or(MirroringDefinition()), m_definition).join(QStringLiteral("; "));
}

bool DefinitionEditorBackend::hasChanges() const
{
    // Create and files: there is nothing on the service to compare with.
    return m_mode != Mode::Edit || m_definitionBytes != m_originalBytes;
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
    // Not before a source type is chosen: a new form would greet the user with it.
    const int limit = m_limits.maxTables(sourceType());
    if (!sourceType().isEmpty() && (mirrorAll() || m_definition.mountedTables().size() == limit))
        m_problems.append({QStringLiteral("properties.mountedTables"),
                           QStringLiteral("The tables count might exceed the limit, there could be some tables missing."),
                           ValidationProblem::Field::MountedTables, ValidationProblem::Severity::Warning, -1});
    if (m_refusedRetention) {
        // What was typed stays on screen with this message; the document keeps its last number.
        const QString why =
            m_refusedRetention->isEmpty()
                ? QStringLiteral("Enter the retention: a whole number of days from 1 to 30.")
                : QStringLiteral("“%1” is not a whole number of days; retention takes a whole number from 1 to 30.")
                      .arg(textExcerpt(*m_refusedRetention, 20));
        m_problems.append({QStringLiteral("properties.target.typeProperties.retentionInDays"), why,
                           ValidationProblem::Field::RetentionInDays, ValidationProblem::Severity::Error, -1});
    }
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
    m_refusedRetention.reset();
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
