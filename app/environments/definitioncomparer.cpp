#include "app/environments/definitioncomparer.h"

#include "app/api/fabricclient.h"
#include "app/api/requests/getmirroreddatabasedefinitionrequest.h"
#include "app/editor/definitioneditorservice.h"

namespace fmc {

DefinitionComparer::DefinitionComparer(QObject *parent)
    : QObject(parent)
{
}

DefinitionComparer::~DefinitionComparer()
{
    stopRequests();
}

void DefinitionComparer::stopRequests()
{
    for (QPointer<ApiRequest> &request : m_requests) {
        if (request)
            request->abandon();
        request = nullptr;
    }
}

void DefinitionComparer::compare(const DefinitionSource &left, const DefinitionSource &right)
{
    stopRequests();
    ++m_generation;
    m_read = {};
    m_running = true;
    emit progress(0, 2);
    read(0, left);
    read(1, right);
}

void DefinitionComparer::cancel()
{
    if (!m_running)
        return;
    stopRequests();
    ++m_generation;
    m_running = false;
    emit cancelled();
}

void DefinitionComparer::read(int side, const DefinitionSource &source)
{
    if (!m_running)
        return; // the other side failed already
    if (source.isFile()) {
        // Results arrive from the event loop, even when nothing had to be fetched.
        const int generation = m_generation;
        QMetaObject::invokeMethod(this, [this, side, generation, definition = *source.file] {
            if (generation == m_generation && m_running)
                sideRead(side, definition);
        }, Qt::QueuedConnection);
        return;
    }
    if (!source.target.isValid()) {
        m_running = false;
        emit failed(tr("%1 is no longer signed in.").arg(source.target.label));
        return;
    }
    const int generation = m_generation;
    const QString name = source.name;
    m_requests[side] = source.target.client->send(
        new GetMirroredDatabaseDefinitionRequest(source.workspaceId, source.databaseId), this,
        [this, side, generation, name](const ApiResult<ItemDefinition> &result) {
            if (generation != m_generation || !m_running)
                return;
            QString why;
            const std::optional<MirroringDefinition> definition = definitionOf(result, &why);
            if (!definition) {
                stopRequests();
                m_running = false;
                emit failed(tr("The definition of %1 could not be read. %2").arg(name, why));
                return;
            }
            sideRead(side, *definition);
        });
}

std::optional<MirroringDefinition> DefinitionComparer::definitionOf(const ApiResult<ItemDefinition> &result, QString *why)
{
    if (!result.ok()) {
        *why = DefinitionEditorService::describe(result.error);
        return std::nullopt;
    }
    return result.value.mirroringDefinition(why);
}

void DefinitionComparer::sideRead(int side, const MirroringDefinition &definition)
{
    m_read[side] = definition;
    const int done = int(m_read[0].has_value()) + int(m_read[1].has_value());
    emit progress(done, 2);
    if (done < 2)
        return;
    m_running = false;
    emit finished(DefinitionComparison::compare(*m_read[0], *m_read[1]));
}

} // namespace fmc
