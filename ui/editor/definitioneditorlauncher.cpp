#include "ui/editor/definitioneditorlauncher.h"

#include "app/editor/definitioneditorservice.h"
#include "app/editor/definitionfiles.h"
#include "models/definitioneditorbackend.h"
#include "ui/editor/definitioneditor.h"

namespace fmc {

namespace {

using Service = DefinitionEditorService;

DefinitionEditor *newEditor(DefinitionEditorBackend *backend, QWidget *parent)
{
    auto *editor = new DefinitionEditor(backend, parent);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setModal(false);
    return editor;
}

// The editor's requests go to the service; the service's reports come back to the editor.
Service *connectService(DefinitionEditor *editor, FabricClient *client)
{
    auto *service = new Service(client, editor->backend(), editor);
    QObject::connect(editor, &DefinitionEditor::applyRequested, service, &Service::apply);
    QObject::connect(editor, &DefinitionEditor::cancelRequested, service, &Service::cancel);
    QObject::connect(editor, &DefinitionEditor::mirroredTablesRequested, service, &Service::addMirroredTables);
    QObject::connect(service, &Service::applyStarted, editor, &DefinitionEditor::applyStarted);
    QObject::connect(service, &Service::applyProgress, editor, &DefinitionEditor::applyProgress);
    QObject::connect(service, &Service::applyFinished, editor, &DefinitionEditor::applyFinished);
    QObject::connect(service, &Service::loadStarted, editor, &DefinitionEditor::loadStarted);
    QObject::connect(service, &Service::loadProgress, editor, &DefinitionEditor::loadProgress);
    QObject::connect(service, &Service::loadFinished, editor, &DefinitionEditor::loadFinished);
    QObject::connect(service, &Service::loadFinished, editor, [editor](bool ok) {
        if (ok)
            editor->offerDraft();
    });
    QObject::connect(service, &Service::mirroredTablesFinished, editor,
                     [editor](bool ok, const QString &message) { editor->showStatus(message, !ok); });
    QObject::connect(service, &Service::connectionsFailed, editor,
                     [editor](const QString &message) { editor->showStatus(message, true); });
    QObject::connect(service, &Service::created, editor, [editor](const QString &workspaceId, const QString &id) {
        emit editor->databaseSaved(workspaceId, id, true);
        // Done: a second click on Create must not make a second database.
        editor->close();
    });
    QObject::connect(service, &Service::updated, editor, [editor](const QString &workspaceId, const QString &id) {
        emit editor->databaseSaved(workspaceId, id, false);
    });
    return service;
}

} // namespace

DefinitionEditor *DefinitionEditorLauncher::openCreate(FabricClient *client, const QString &workspaceId, QWidget *parent,
                                                       const DefinitionLimits &limits)
{
    auto *backend = new DefinitionEditorBackend(DefinitionEditorBackend::Mode::Create);
    backend->setLimits(limits);
    backend->setWorkspaceId(workspaceId);
    DefinitionEditor *editor = newEditor(backend, parent);
    Service *service = connectService(editor, client);
    service->loadConnections();
    service->loadWorkspaceName();
    editor->show();
    editor->offerDraft();
    return editor;
}

DefinitionEditor *DefinitionEditorLauncher::openEdit(FabricClient *client, const QString &workspaceId,
                                                     const QString &databaseId, QWidget *parent,
                                                     const DefinitionLimits &limits)
{
    auto *backend = new DefinitionEditorBackend(DefinitionEditorBackend::Mode::Edit);
    backend->setLimits(limits);
    backend->beginEdit(workspaceId, databaseId, QString());
    DefinitionEditor *editor = newEditor(backend, parent);
    Service *service = connectService(editor, client);
    service->loadConnections();
    service->loadWorkspaceName();
    service->load();
    editor->show();
    return editor;
}

DefinitionEditor *DefinitionEditorLauncher::openFile(const QString &path, QWidget *parent, const DefinitionLimits &limits)
{
    auto *backend = new DefinitionEditorBackend(DefinitionEditorBackend::Mode::Offline);
    backend->setLimits(limits);
    const bool opened = path.isEmpty() || DefinitionFiles::open(backend, path);
    DefinitionEditor *editor = newEditor(backend, parent);
    if (!opened)
        editor->showStatus(backend->lastError(), true);
    editor->show();
    editor->offerDraft();
    return editor;
}

} // namespace fmc
