#include "definitioneditorbackend.h"

#include "models/mirroringdefinitionfile.h"
#include "models/tableselectionmodel.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace fmc {

namespace {

constexpr int kDefaultRetention = 7; // contract §5: "the default value is 7"
constexpr int kMaxNameLength = 256;
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024; // a mirroring.json of 1,000 tables is ~150 kB
const char *const kDraftFormat = "fmc-definition-draft";

QString &draftDirectoryOverride()
{
    static QString directory;
    return directory;
}

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
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(2000);
    connect(&m_autosave, &QTimer::timeout, this, [this] {
        if (isDirty())
            saveDraft();
    });
    connect(m_tables, &TableSelectionModel::selectionChanged, this, &DefinitionEditorBackend::syncDefinitionFromTables);
    m_tables->setLimit(m_limits.maxTables(sourceType()));
    revalidate();
    m_savedState = savedState();
}

DefinitionEditorBackend::~DefinitionEditorBackend() = default;

void DefinitionEditorBackend::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    emit modeChanged();
    emit lockChanged();
}

void DefinitionEditorBackend::beginEdit(const QString &workspaceId, const QString &itemId, const QString &name,
                                        const QString &description)
{
    m_workspaceId = workspaceId;
    m_itemId = itemId;
    m_name = name;
    m_description = description;
    setMode(Mode::Edit);
    revalidate();
    m_savedState = savedState();
    emit changed();
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
    m_originalBytes = definition->toJsonBytes();
    setDefinition(*definition);
    m_savedState = savedState();
    setLastError({});
    emit dirtyChanged();
    return true;
}

void DefinitionEditorBackend::setMirroringStatus(const QString &status)
{
    if (status == m_status)
        return;
    m_status = status;
    revalidate();
    emit lockChanged();
    emit changed();
}

bool DefinitionEditorBackend::sourceLocked() const
{
    // contract §9: connection, database and defaultSchema change only while Initialized or Stopped.
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
    m_definition = definition;
    m_tables->setLimit(m_limits.maxTables(sourceType()));
    syncTablesFromDefinition();
    revalidate();
    emit changed();
}

void DefinitionEditorBackend::setName(const QString &name)
{
    if (name == m_name)
        return;
    m_name = name;
    edited();
}

void DefinitionEditorBackend::setDescription(const QString &description)
{
    if (description == m_description)
        return;
    m_description = description;
    edited();
}

void DefinitionEditorBackend::setSourceType(const QString &type)
{
    if (type == sourceType())
        return;
    m_definition.setSourceType(type);
    // Keep only the fields the new type uses, so the document never carries a stale value the
    // form no longer shows (contract §5: connection not for GenericMirror/SAP, storages for
    // Snowflake, subType and landing zone for SAP).
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
    edited();
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
    edited();
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
    edited();
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
    edited();
}

int DefinitionEditorBackend::retentionInDays() const
{
    const Json *days = nullptr;
    const Json &doc = m_definition.document();
    if (doc.contains("properties") && doc["properties"].contains("target")
        && doc["properties"]["target"].contains("typeProperties"))
        days = doc["properties"]["target"]["typeProperties"].contains("retentionInDays")
            ? &doc["properties"]["target"]["typeProperties"]["retentionInDays"]
            : nullptr;
    if (!days)
        return kDefaultRetention;
    // An out-of-range or fractional value is shown as its whole part so the form can point at it.
    return days->is_number() ? int(days->get<double>()) : 0;
}

void DefinitionEditorBackend::setRetentionInDays(int days)
{
    if (m_definition.retentionInDays() == days)
        return;
    m_definition.setRetentionInDays(days);
    edited();
}

void DefinitionEditorBackend::setChangeDataFeed(bool enable)
{
    if (changeDataFeed() == enable && m_definition.enableDeltaChangeDataFeed().has_value() == enable)
        return;
    // Unchecking removes the key unless the loaded document had it: the service's default is off.
    const auto original = MirroringDefinition::fromJsonBytes(m_originalBytes);
    const bool hadKey = original && original->enableDeltaChangeDataFeed().has_value();
    m_definition.setEnableDeltaChangeDataFeed(enable || hadKey ? std::optional<bool>(enable) : std::nullopt);
    edited();
}

void DefinitionEditorBackend::setMirrorAll(bool all)
{
    if (all == mirrorAll())
        return;
    m_definition.setMirrorAll(all);
    if (!all)
        m_definition.setMountedTables(m_tables->checkedTables());
    edited();
}

void DefinitionEditorBackend::setSapSubType(const QString &subType)
{
    if (subType == sapSubType())
        return;
    m_definition.setSapSubType(subType);
    edited();
}

void DefinitionEditorBackend::setLandingZone(const std::optional<LandingZone> &zone)
{
    if (zone == landingZone())
        return;
    m_definition.setLandingZone(zone);
    edited();
}

void DefinitionEditorBackend::setExternalStorages(const QList<ExternalStorage> &storages)
{
    if (storages == externalStorages())
        return;
    m_definition.setExternalStorages(storages);
    edited();
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
    revalidate();
    emit changed();
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

QString DefinitionEditorBackend::previewPayload() const
{
    const auto part = ItemDefinition::fromMirroringDefinition(m_definition).part(
        QString::fromLatin1(ItemDefinition::MirroringPartPath));
    return part ? part->payload : QString();
}

QString DefinitionEditorBackend::previewRequestBody() const
{
    const Json body = m_mode == Mode::Create ? createRequestBody() : updateRequestBody();
    return QString::fromUtf8(dumpJson(body, 4));
}

Json DefinitionEditorBackend::createRequestBody() const
{
    Json body = Json::object();
    body["displayName"] = toStdString(m_name.trimmed());
    if (!m_description.trimmed().isEmpty())
        body["description"] = toStdString(m_description.trimmed());
    body["definition"] = ItemDefinition::fromMirroringDefinition(m_definition).toJson();
    return body;
}

Json DefinitionEditorBackend::updateRequestBody() const
{
    if (!m_loadedItem)
        return ItemDefinition::fromMirroringDefinition(m_definition).toRequestBody();
    ItemDefinition item = *m_loadedItem;
    item.setMirroringDefinition(m_definition);
    // The editor never changes the item's metadata: .platform would count only with
    // updateMetadata=true, and then it could undo a rename made elsewhere since loading.
    item.removePart(QString::fromLatin1(ItemDefinition::PlatformPartPath));
    return item.toRequestBody();
}

QString DefinitionEditorBackend::diffText() const
{
    return lineDiff(linesOf(m_originalBytes), linesOf(m_definition.toJsonBytes()));
}

bool DefinitionEditorBackend::isDirty() const
{
    return savedState() != m_savedState;
}

void DefinitionEditorBackend::markSaved()
{
    m_originalBytes = m_definition.toJsonBytes();
    m_savedState = savedState();
    if (m_loadedItem)
        m_loadedItem->setMirroringDefinition(m_definition);
    discardDraft();
    m_wasDirty = false;
    emit dirtyChanged();
    emit changed();
}

void DefinitionEditorBackend::markApplyFailed(const QString &message)
{
    saveDraft();
    setLastError(message);
}

QString DefinitionEditorBackend::draftDirectory()
{
    if (!draftDirectoryOverride().isEmpty())
        return draftDirectoryOverride();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts");
}

void DefinitionEditorBackend::setDraftDirectoryForTesting(const QString &directory)
{
    draftDirectoryOverride() = directory;
}

QString DefinitionEditorBackend::draftPath() const
{
    QString key;
    switch (m_mode) {
    case Mode::Create:
        key = QStringLiteral("new");
        break;
    case Mode::Edit:
        key = QStringLiteral("item-") + QString(m_itemId).remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9-]")));
        break;
    case Mode::Offline:
        key = QStringLiteral("file-")
            + QString::fromLatin1(QCryptographicHash::hash(QFileInfo(m_filePath).absoluteFilePath().toUtf8(),
                                                           QCryptographicHash::Sha1)
                                      .toHex()
                                      .left(16));
        break;
    }
    return draftDirectory() + u'/' + key + QStringLiteral(".json");
}

Json DefinitionEditorBackend::draftJson() const
{
    // Only what the form holds: names, IDs and the definition. The editor never sees a token or
    // a password, so none can end up here.
    Json draft = Json::object();
    draft["format"] = kDraftFormat;
    draft["version"] = 1;
    draft["mode"] = m_mode == Mode::Create ? "Create" : m_mode == Mode::Edit ? "Edit" : "Offline";
    draft["workspaceId"] = toStdString(m_workspaceId);
    draft["itemId"] = toStdString(m_itemId);
    draft["filePath"] = toStdString(m_filePath);
    draft["name"] = toStdString(m_name);
    draft["description"] = toStdString(m_description);
    draft["savedAt"] = toStdString(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    draft["mirroring"] = toStdString(QString::fromUtf8(m_definition.toJsonBytes()));
    return draft;
}

bool DefinitionEditorBackend::saveDraft()
{
    const QString path = draftPath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        setLastError(QStringLiteral("Cannot create the drafts folder %1.").arg(QFileInfo(path).absolutePath()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setLastError(QStringLiteral("Cannot save the draft to %1: %2.").arg(path, file.errorString()));
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(dumpJson(draftJson(), 2));
    if (!file.commit()) {
        setLastError(QStringLiteral("Cannot save the draft to %1: %2.").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool DefinitionEditorBackend::hasDraft() const
{
    QFile file(draftPath());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const auto draft = parseJson(file.read(kMaxFileBytes));
    if (!draft || !draft->is_object() || draft->value("format", std::string()) != kDraftFormat)
        return false;
    return toQString(draft->value("mirroring", std::string())).toUtf8() != m_definition.toJsonBytes()
        || toQString(draft->value("name", std::string())) != m_name
        || toQString(draft->value("description", std::string())) != m_description;
}

bool DefinitionEditorBackend::restoreDraft()
{
    const QString path = draftPath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setLastError(QStringLiteral("Cannot read the draft %1: %2.").arg(path, file.errorString()));
        return false;
    }
    QString error;
    const auto draft = parseJson(file.read(kMaxFileBytes), &error);
    if (!draft || !draft->is_object() || draft->value("format", std::string()) != kDraftFormat) {
        setLastError(QStringLiteral("The draft %1 is damaged and cannot be restored. %2").arg(path, error));
        return false;
    }
    const auto definition =
        MirroringDefinition::fromJsonBytes(QByteArray::fromStdString(draft->value("mirroring", std::string())), &error);
    if (!definition) {
        setLastError(QStringLiteral("The draft %1 is damaged and cannot be restored. %2").arg(path, error));
        return false;
    }
    m_name = toQString(draft->value("name", std::string()));
    m_description = toQString(draft->value("description", std::string()));
    setDefinition(*definition);
    edited();
    return true;
}

void DefinitionEditorBackend::discardDraft()
{
    m_autosave.stop();
    QFile::remove(draftPath());
}

bool DefinitionEditorBackend::openFile(const QString &path)
{
    QString error;
    const auto definition = MirroringDefinitionFile::load(path, &error);
    if (!definition) {
        setLastError(error);
        return false;
    }
    m_filePath = QFileInfo(path).absoluteFilePath();
    m_loadedItem.reset();
    setMode(Mode::Offline);
    m_originalBytes = definition->toJsonBytes(); // unchanged, so the bytes of the file
    setDefinition(*definition);
    m_savedState = savedState();
    setLastError({});
    emit filePathChanged();
    emit dirtyChanged();
    return true;
}

bool DefinitionEditorBackend::saveFile()
{
    if (m_filePath.isEmpty()) {
        setLastError(QStringLiteral("Choose where to save the definition first (Save As)."));
        return false;
    }
    return saveFileAs(m_filePath);
}

bool DefinitionEditorBackend::saveFileAs(const QString &path)
{
    QString error;
    if (!MirroringDefinitionFile::save(path, m_definition, &error)) {
        setLastError(error);
        return false;
    }
    // The draft belonged to the old file name (or "new"): drop it before the key changes.
    discardDraft();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute != m_filePath) {
        m_filePath = absolute;
        emit filePathChanged();
    }
    if (m_mode == Mode::Create)
        setMode(Mode::Offline);
    setLastError({});
    markSaved();
    return true;
}

void DefinitionEditorBackend::edited()
{
    if (m_syncing)
        return;
    revalidate();
    emit changed();
    const bool dirty = isDirty();
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        emit dirtyChanged();
    }
    // Not restarted by every edit: someone typing without a pause as long as the delay would
    // otherwise never get a draft. The draft is at most one delay behind the form.
    if (dirty && !m_autosave.isActive())
        m_autosave.start();
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
    // contract §9: "Mirror all data" takes only the first N tables (by schema, then table), and a
    // chosen list at the limit has likely left some out. The portal's warning, which blocks nothing.
    const int limit = m_limits.maxTables(sourceType());
    if (mirrorAll() || m_definition.mountedTables().size() == limit)
        m_problems.append({QStringLiteral("properties.mountedTables"),
                           QStringLiteral("The tables count might exceed the limit, there could be some tables missing."),
                           ValidationProblem::Field::MountedTables, ValidationProblem::Severity::Warning, -1});
    if (m_mode == Mode::Edit && !m_originalBytes.isEmpty()) {
        // contract §9: the troubleshooting page still calls a new source database unsupported.
        const auto original = MirroringDefinition::fromJsonBytes(m_originalBytes);
        if (original && original->database() != database())
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
    edited();
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
    return m_name.toUtf8() + '\0' + m_description.toUtf8() + '\0' + m_definition.toJsonBytes();
}

} // namespace fmc
