#include "detailspane.h"

#include "models/mirroreddatabaselistmodel.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace fmc {

namespace {

QWidget *withCopyButton(QWidget *field, const QString &key, const QString &label, std::function<QString()> text)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    auto *copy = new QToolButton;
    copy->setObjectName(QStringLiteral("copy_") + key);
    copy->setIcon(copy->style()->standardIcon(QStyle::SP_DialogSaveButton));
    copy->setText(QObject::tr("Copy"));
    copy->setToolTip(QObject::tr("Copy the %1 to the clipboard").arg(label.toLower()));
    copy->setAccessibleName(copy->toolTip());
    copy->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QObject::connect(copy, &QToolButton::clicked, copy, [text] { QGuiApplication::clipboard()->setText(text()); });
    layout->addWidget(copy);
    return row;
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_form(new QFormLayout)
    , m_placeholder(new QLabel(tr("Select a mirrored database to see its properties and status.")))
    , m_content(new QWidget)
    , m_moreDetails(new QPlainTextEdit)
    , m_json(new QPlainTextEdit)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_content, 1);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(m_form);

    addField(QStringLiteral("displayName"), tr("Name"));
    addField(QStringLiteral("description"), tr("Description"));
    addField(QStringLiteral("id"), tr("Id"));
    addField(QStringLiteral("workspace"), tr("Workspace"));
    addField(QStringLiteral("workspaceId"), tr("Workspace id"));
    addField(QStringLiteral("folderId"), tr("Folder id"));
    addField(QStringLiteral("oneLakeTablesPath"), tr("OneLake tables path"));
    addField(QStringLiteral("sqlEndpointId"), tr("SQL endpoint id"));
    addField(QStringLiteral("connectionString"), tr("SQL connection string"));
    addField(QStringLiteral("provisioningStatus"), tr("SQL endpoint"));
    addField(QStringLiteral("defaultSchema"), tr("Default schema"));
    addField(QStringLiteral("status"), tr("Status"));
    addField(QStringLiteral("tables"), tr("Tables"));
    addField(QStringLiteral("lastSync"), tr("Oldest last sync"));
    addField(QStringLiteral("errorCode"), tr("Error code"));
    addField(QStringLiteral("errorMessage"), tr("Error"));
    addField(QStringLiteral("requestId"), tr("Request id"));

    m_moreDetails->setObjectName(QStringLiteral("detail_moreDetails"));
    m_moreDetails->setReadOnly(true);
    m_moreDetails->setMaximumHeight(80);
    m_moreDetails->setTabChangesFocus(true);
    m_form->addRow(tr("More details"), m_moreDetails);

    m_json->setObjectName(QStringLiteral("detail_json"));
    m_json->setAccessibleName(tr("Item as JSON"));
    m_json->setReadOnly(true);
    m_json->setTabChangesFocus(true);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *jsonLabel = new QLabel(tr("As JSON (every field the service sent):"));
    contentLayout->addWidget(jsonLabel);
    contentLayout->addWidget(m_json, 1);
    setRow(nullptr);
}

void DetailsPane::addField(const QString &key, const QString &label)
{
    auto *field = new QLineEdit;
    field->setObjectName(QStringLiteral("detail_") + key);
    field->setReadOnly(true);
    field->setAccessibleName(label);
    m_fields.insert(key, field);
    m_form->addRow(label, withCopyButton(field, key, label, [field] { return field->text(); }));
}

void DetailsPane::setField(const QString &key, const QString &text)
{
    QLineEdit *field = m_fields.value(key);
    if (field->text() == text)
        return; // a live refresh must not drop what the user selected in the field
    field->setText(text);
    field->setCursorPosition(0); // show the start of long paths, not their end
}

QString DetailsPane::value(const QString &key) const
{
    if (key == QLatin1String("moreDetails"))
        return m_moreDetails->toPlainText();
    if (key == QLatin1String("json"))
        return m_json->toPlainText();
    const QLineEdit *field = m_fields.value(key);
    return field ? field->text() : QString();
}

void DetailsPane::setRow(const MirroredDatabaseRow *row)
{
    m_placeholder->setVisible(!row);
    m_content->setVisible(row);
    if (!row) {
        for (QLineEdit *field : std::as_const(m_fields))
            field->clear();
        m_moreDetails->clear();
        m_json->clear();
        return;
    }
    const MirroredDatabase &db = row->database;
    setField(QStringLiteral("displayName"), db.displayName);
    setField(QStringLiteral("description"), db.description);
    setField(QStringLiteral("id"), db.id);
    setField(QStringLiteral("workspace"), row->workspaceName);
    setField(QStringLiteral("workspaceId"), db.workspaceId);
    setField(QStringLiteral("folderId"), db.folderId);
    const MirroredDatabaseProperties properties = db.properties.value_or(MirroredDatabaseProperties{});
    const SqlEndpointProperties endpoint = properties.sqlEndpointProperties.value_or(SqlEndpointProperties{});
    setField(QStringLiteral("oneLakeTablesPath"), properties.oneLakeTablesPath);
    setField(QStringLiteral("sqlEndpointId"), endpoint.id);
    setField(QStringLiteral("connectionString"), endpoint.connectionString);
    setField(QStringLiteral("provisioningStatus"), endpoint.provisioningStatus.text);
    setField(QStringLiteral("defaultSchema"), properties.defaultSchema);
    const MirroringHealth health = MirroredDatabaseListModel::healthOf(*row);
    QString status = health.text;
    if (row->status && row->status->status.text != health.text)
        status = tr("%1 (status %2)").arg(health.text, row->status->status.text);
    setField(QStringLiteral("status"), row->status ? status : tr("not known yet"));
    setField(QStringLiteral("tables"), MirroredDatabaseListModel::tablesText(*row));
    setField(QStringLiteral("lastSync"), row->oldestLastSync.isValid()
                                             ? row->oldestLastSync.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                                             : QString());
    const ErrorResponse error = row->status && row->status->error ? *row->status->error : ErrorResponse{};
    setField(QStringLiteral("errorCode"), error.errorCode);
    setField(QStringLiteral("errorMessage"), error.message);
    setField(QStringLiteral("requestId"), error.requestId);
    QStringList more;
    for (const ErrorResponse &detail : error.moreDetails)
        more << tr("%1: %2").arg(detail.errorCode, detail.message);
    m_moreDetails->setPlainText(more.join(QLatin1Char('\n')));
    const QString json = MirroredDatabaseListModel::jsonText(*row);
    if (m_json->toPlainText() != json) // keep the reader's scroll position when nothing changed
        m_json->setPlainText(json);
}

} // namespace fmc
