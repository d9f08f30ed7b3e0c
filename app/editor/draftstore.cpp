#include "app/editor/draftstore.h"

#include "models/definitioneditorbackend.h"

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

using Mode = DefinitionEditorBackend::Mode;

constexpr qint64 kMaxDraftBytes = 4 * 1024 * 1024; // a mirroring.json of 1,000 tables is ~150 kB
const char *const kDraftFormat = "fmc-definition-draft";

QString &directoryOverride()
{
    static QString directory;
    return directory;
}

} // namespace

DraftStore::DraftStore(DefinitionEditorBackend *form)
    : QObject(form)
    , m_form(form)
{
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(2000);
    connect(&m_autosave, &QTimer::timeout, this, [this] {
        if (m_form->isDirty())
            save();
    });
    connect(m_form, &DefinitionEditorBackend::edited, this, &DraftStore::formEdited);
    connect(m_form, &DefinitionEditorBackend::saved, this, &DraftStore::discard);
}

DraftStore::~DraftStore() = default;

QString DraftStore::directory()
{
    if (!directoryOverride().isEmpty())
        return directoryOverride();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts");
}

void DraftStore::setDirectoryForTesting(const QString &directory)
{
    directoryOverride() = directory;
}

QString DraftStore::path() const
{
    QString key;
    switch (m_form->mode()) {
    case Mode::Create:
        key = QStringLiteral("new");
        break;
    case Mode::Edit:
        key = QStringLiteral("item-")
            + QString(m_form->itemId()).remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9-]")));
        break;
    case Mode::Offline:
        key = QStringLiteral("file-")
            + QString::fromLatin1(QCryptographicHash::hash(QFileInfo(m_form->filePath()).absoluteFilePath().toUtf8(),
                                                           QCryptographicHash::Sha1)
                                      .toHex()
                                      .left(16));
        break;
    }
    return directory() + u'/' + key + QStringLiteral(".json");
}

void DraftStore::formEdited()
{
    // Not restarted by every edit: someone typing without a pause as long as the delay would
    // otherwise never get a draft. The draft is at most one delay behind the form.
    if (m_form->isDirty() && !m_autosave.isActive())
        m_autosave.start();
}

Json DraftStore::draftJson() const
{
    const Mode mode = m_form->mode();
    Json draft = Json::object();
    draft["format"] = kDraftFormat;
    draft["version"] = 1;
    draft["mode"] = mode == Mode::Create ? "Create" : mode == Mode::Edit ? "Edit" : "Offline";
    draft["workspaceId"] = toStdString(m_form->workspaceId());
    draft["itemId"] = toStdString(m_form->itemId());
    draft["filePath"] = toStdString(m_form->filePath());
    draft["name"] = toStdString(m_form->name());
    draft["description"] = toStdString(m_form->description());
    draft["savedAt"] = toStdString(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    draft["mirroring"] = toStdString(QString::fromUtf8(m_form->definitionBytes()));
    return draft;
}

bool DraftStore::save()
{
    const QString path = this->path();
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        m_form->setLastError(QStringLiteral("Cannot create the drafts folder %1.").arg(QFileInfo(path).absolutePath()));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        m_form->setLastError(QStringLiteral("Cannot save the draft to %1: %2.").arg(path, file.errorString()));
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(dumpJson(draftJson(), 2));
    if (!file.commit()) {
        m_form->setLastError(QStringLiteral("Cannot save the draft to %1: %2.").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool DraftStore::hasDraft() const
{
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const auto draft = parseJson(file.read(kMaxDraftBytes));
    if (!draft || !draft->is_object() || draft->value("format", std::string()) != kDraftFormat)
        return false;
    return toQString(draft->value("mirroring", std::string())).toUtf8() != m_form->definitionBytes()
        || toQString(draft->value("name", std::string())) != m_form->name()
        || toQString(draft->value("description", std::string())) != m_form->description();
}

bool DraftStore::restore()
{
    const QString path = this->path();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_form->setLastError(QStringLiteral("Cannot read the draft %1: %2.").arg(path, file.errorString()));
        return false;
    }
    QString error;
    const auto draft = parseJson(file.read(kMaxDraftBytes), &error);
    if (!draft || !draft->is_object() || draft->value("format", std::string()) != kDraftFormat) {
        m_form->setLastError(QStringLiteral("The draft %1 is damaged and cannot be restored. %2").arg(path, error));
        return false;
    }
    const auto definition =
        MirroringDefinition::fromJsonBytes(QByteArray::fromStdString(draft->value("mirroring", std::string())), &error);
    if (!definition) {
        m_form->setLastError(QStringLiteral("The draft %1 is damaged and cannot be restored. %2").arg(path, error));
        return false;
    }
    m_form->restoreEdits(toQString(draft->value("name", std::string())),
                         toQString(draft->value("description", std::string())), *definition);
    return true;
}

void DraftStore::discard()
{
    m_autosave.stop();
    QFile::remove(path());
}

} // namespace fmc
