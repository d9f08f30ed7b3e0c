#include "tableresync.h"

#include "app/admin/mirroreddatabaseadmin.h"
#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/api/requests/gettablesmirroringstatusrequest.h"
#include "app/api/requests/updatemirroreddatabasedefinitionrequest.h"

#include <QDateTime>

namespace fmc {

namespace {
constexpr int kRestoreAttempts = 3;

bool sameTable(const QString &schemaA, const QString &tableA, const QString &schemaB, const QString &tableB)
{
    // The service matches names case-insensitively, as SQL sources do.
    return schemaA.compare(schemaB, Qt::CaseInsensitive) == 0 && tableA.compare(tableB, Qt::CaseInsensitive) == 0;
}
} // namespace

TableResync::TableResync(FabricClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_pollTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &TableResync::pollTables);
}

TableResync::~TableResync()
{
    if (m_request)
        m_request->abandon();
}

int TableResync::stepNumber(Step step)
{
    switch (step) {
    case Step::ReadingDefinition:
        return 1;
    case Step::RemovingTable:
    case Step::WritingTableList:
        return 2;
    case Step::WaitingForRemoval:
        return 3;
    case Step::AddingTable:
    case Step::Restoring:
        return 4;
    case Step::Idle:
        break;
    }
    return 0;
}

QString TableResync::tableName() const
{
    return m_schema.isEmpty() ? m_table : m_schema + u'.' + m_table;
}

template <typename R, typename F>
void TableResync::send(R *request, F &&onResult)
{
    if (!m_client) {
        delete request;
        fail(Outcome::Failed, tr("Not connected to Fabric."));
        return;
    }
    m_request = m_client->send(request, this, std::forward<F>(onResult));
}

void TableResync::setStep(Step step, const QString &text)
{
    m_step = step;
    emit stepChanged(step, text);
}

void TableResync::resync(const QString &workspaceId, const QString &databaseId, const QString &schema,
                         const QString &table)
{
    if (isBusy())
        return;
    m_mode = Mode::Resync;
    m_workspaceId = workspaceId;
    m_databaseId = databaseId;
    m_schema = schema;
    m_table = table;
    readDefinition();
}

void TableResync::writeTableList(const QString &workspaceId, const QString &databaseId,
                                 const QList<MountedTable> &tables)
{
    if (isBusy())
        return;
    m_mode = Mode::WriteList;
    m_workspaceId = workspaceId;
    m_databaseId = databaseId;
    m_schema.clear();
    m_table.clear();
    m_newList = tables;
    readDefinition();
}

void TableResync::readDefinition()
{
    m_original.reset();
    m_removalSent = false;
    setStep(Step::ReadingDefinition, tr("Reading the definition…"));
    send(new GetMirroredDatabaseDefinitionRequest(m_workspaceId, m_databaseId),
         [this](const ApiResult<ItemDefinition> &result) {
             if (!result.ok()) {
                 fail(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                      tr("The definition could not be read; nothing was changed.\n%1")
                          .arg(MirroredDatabaseAdmin::describe(result.error)));
                 return;
             }
             onDefinition(result.value);
         });
}

ItemDefinition TableResync::originalForWrite() const
{
    // updateDefinition takes .platform only with updateMetadata=true; leaving it out keeps the
    // item's name and description exactly as they are.
    ItemDefinition definition = *m_original;
    definition.removePart(QString::fromLatin1(ItemDefinition::PlatformPartPath));
    return definition;
}

void TableResync::onDefinition(const ItemDefinition &definition)
{
    m_original = definition;
    QString error;
    const auto mirroring = definition.mirroringDefinition(&error);
    if (!mirroring) {
        fail(Outcome::Failed, tr("The definition could not be read; nothing was changed.\n%1").arg(error));
        return;
    }
    if (m_mode == Mode::WriteList) {
        MirroringDefinition list = *mirroring;
        list.setMountedTables(m_newList);
        ItemDefinition changed = originalForWrite();
        changed.setMirroringDefinition(list);
        setStep(Step::WritingTableList, tr("Writing a list of %n table(s) to the definition…", nullptr,
                                           int(m_newList.size())));
        m_removalSent = true;
        send(new UpdateMirroredDatabaseDefinitionRequest(m_workspaceId, m_databaseId, changed),
             [this](const ApiResult<NoContent> &result) {
                 if (!result.ok()) {
                     fail(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                          tr("The table list could not be written.\n%1")
                              .arg(MirroredDatabaseAdmin::describe(result.error)));
                     return;
                 }
                 finish(Outcome::Succeeded, tr("The definition now lists %n table(s).", nullptr,
                                               int(m_newList.size())));
             });
        return;
    }
    if (mirroring->mirrorAll()) {
        finish(Outcome::MirrorAll,
               tr("This database mirrors all tables, so its definition has no table list to take %1 out of. "
                  "Write the current tables as a list first (new source tables are then no longer added "
                  "on their own).")
                   .arg(tableName()));
        return;
    }
    QList<MountedTable> tables = mirroring->mountedTables();
    const qsizetype before = tables.size();
    tables.removeIf([this](const MountedTable &t) { return sameTable(t.schemaName, t.tableName, m_schema, m_table); });
    if (tables.size() == before) {
        finish(Outcome::NotMounted, tr("%1 is not in the definition's table list; nothing was changed.").arg(tableName()));
        return;
    }
    if (tables.isEmpty()) {
        finish(Outcome::OnlyTable, tr("%1 is the only table of this mirror: it cannot be taken out and put back. "
                                      "Stop and start mirroring instead.")
                                       .arg(tableName()));
        return;
    }
    MirroringDefinition without = *mirroring;
    without.setMountedTables(tables);
    ItemDefinition changed = originalForWrite();
    changed.setMirroringDefinition(without);
    sendRemoval(changed);
}

void TableResync::sendRemoval(const ItemDefinition &without)
{
    setStep(Step::RemovingTable, tr("Removing %1 from the definition…").arg(tableName()));
    // From here on the service may hold the shortened definition, whatever the answer says.
    m_removalSent = true;
    send(new UpdateMirroredDatabaseDefinitionRequest(m_workspaceId, m_databaseId, without),
         [this](const ApiResult<NoContent> &result) {
             if (!result.ok()) {
                 fail(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                      tr("Removing the table failed.\n%1").arg(MirroredDatabaseAdmin::describe(result.error)));
                 return;
             }
             setStep(Step::WaitingForRemoval, tr("Waiting until %1 leaves the tables status…").arg(tableName()));
             const double scale = m_client ? m_client->config().timeScale : 1.0;
             m_waitDeadlineMs = QDateTime::currentMSecsSinceEpoch() + qint64(double(m_removalTimeout.count()) * scale);
             pollTables();
         });
}

void TableResync::pollTables()
{
    send(new GetTablesMirroringStatusRequest(m_workspaceId, m_databaseId),
         [this](const ApiResult<QList<TableMirroringStatus>> &result) {
             if (!result.ok()) {
                 fail(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                      tr("The tables status could not be read while waiting.\n%1")
                          .arg(MirroredDatabaseAdmin::describe(result.error)));
                 return;
             }
             const bool listed = std::any_of(result.value.cbegin(), result.value.cend(), [this](const TableMirroringStatus &t) {
                 return sameTable(t.sourceSchemaName, t.sourceTableName, m_schema, m_table);
             });
             if (!listed) {
                 addBack();
                 return;
             }
             if (QDateTime::currentMSecsSinceEpoch() >= m_waitDeadlineMs) {
                 fail(Outcome::Failed, tr("%1 was still listed in the tables status after the waiting time.").arg(tableName()));
                 return;
             }
             const double scale = m_client ? m_client->config().timeScale : 1.0;
             m_pollTimer.start(std::max<qint64>(1, qint64(double(m_pollInterval.count()) * scale)));
         });
}

void TableResync::addBack()
{
    setStep(Step::AddingTable, tr("Adding %1 back to the definition…").arg(tableName()));
    send(new UpdateMirroredDatabaseDefinitionRequest(m_workspaceId, m_databaseId, originalForWrite()),
         [this](const ApiResult<NoContent> &result) {
             if (!result.ok()) {
                 fail(result.error.kind() == ApiError::Kind::Cancelled ? Outcome::Cancelled : Outcome::Failed,
                      tr("Adding the table back failed.\n%1").arg(MirroredDatabaseAdmin::describe(result.error)));
                 return;
             }
             finish(Outcome::Succeeded, tr("%1 was taken out and added back: it is copied again from a new "
                                           "snapshot while the other tables keep replicating.")
                                            .arg(tableName()));
         });
}

void TableResync::cancel()
{
    if (!canCancel())
        return;
    if (m_pollTimer.isActive()) {
        m_pollTimer.stop();
        fail(Outcome::Cancelled, tr("Cancelled while waiting."));
        return;
    }
    if (m_request)
        m_request->cancel(); // its callback reports Cancelled and restores if needed
}

void TableResync::fail(Outcome outcome, const QString &message)
{
    m_pollTimer.stop();
    if (!m_removalSent || !m_original) {
        finish(outcome, message);
        return;
    }
    m_pendingOutcome = outcome;
    m_pendingMessage = message;
    restore(1);
}

void TableResync::restore(int attempt)
{
    setStep(Step::Restoring, tr("Restoring the definition as it was (try %1 of %2)…").arg(attempt).arg(kRestoreAttempts));
    send(new UpdateMirroredDatabaseDefinitionRequest(m_workspaceId, m_databaseId, originalForWrite()),
         [this, attempt](const ApiResult<NoContent> &result) {
             if (result.ok()) {
                 finish(m_pendingOutcome, m_pendingMessage + u'\n' + tr("The definition was restored as it was."));
                 return;
             }
             if (attempt < kRestoreAttempts && result.error.kind() != ApiError::Kind::SignInRequired) {
                 const double scale = m_client ? m_client->config().timeScale : 1.0;
                 QTimer::singleShot(std::max<qint64>(1, qint64(2000 * attempt * scale)), this,
                                    [this, attempt] { restore(attempt + 1); });
                 return;
             }
             finish(Outcome::Failed,
                    m_pendingMessage + u'\n'
                        + tr("The definition could NOT be restored: %1 may be missing from it. Check the table "
                             "list in the definition editor.\n%2")
                              .arg(tableName().isEmpty() ? tr("tables") : tableName(),
                                   MirroredDatabaseAdmin::describe(result.error)));
         });
}

void TableResync::finish(Outcome outcome, const QString &message)
{
    m_pollTimer.stop();
    m_request.clear();
    m_removalSent = false;
    m_step = Step::Idle;
    emit finished(outcome, message);
}

} // namespace fmc
