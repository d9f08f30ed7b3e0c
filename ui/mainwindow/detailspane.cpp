#include "detailspane.h"

#include "detailvalue.h"

#include "models/displaytext.h"
#include "models/errorexplanation.h"
#include "models/mirroreddatabaselistmodel.h"
#include "models/pausedmirroring.h"
#include "models/tablestatusmodel.h"
#include "ui/learnlink.h"

#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>

namespace fmc {

namespace {

//! A property's row: its Copy button shows while the pointer is over the row or the field has
//! the focus, so a column of Copy buttons does not crowd the pane.
class FieldRow : public QWidget
{
public:
    FieldRow(QWidget *field, const QString &key, const QString &label, std::function<QString()> text)
        : m_field(field)
        , m_copy(new QToolButton)
    {
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(field, 1);
        m_copy->setObjectName(QStringLiteral("copy_") + key);
        m_copy->setText(QObject::tr("Copy"));
        m_copy->setToolTip(QObject::tr("Copy the %1 to the clipboard").arg(label.toLower()));
        m_copy->setAccessibleName(m_copy->toolTip());
        m_copy->setToolButtonStyle(Qt::ToolButtonTextOnly);
        m_copy->setAutoRaise(true);
        QObject::connect(m_copy, &QToolButton::clicked, m_copy,
                         [text] { QGuiApplication::clipboard()->setText(text()); });
        // Keep the row's height whether the button shows or not.
        QSizePolicy policy = m_copy->sizePolicy();
        policy.setRetainSizeWhenHidden(true);
        m_copy->setSizePolicy(policy);
        m_copy->hide();
        layout->addWidget(m_copy, 0, Qt::AlignTop);
        setAttribute(Qt::WA_Hover);
        field->installEventFilter(this);
    }

protected:
    bool event(QEvent *event) override
    {
        if (event->type() == QEvent::HoverEnter || event->type() == QEvent::HoverLeave)
            update(event->type() == QEvent::HoverEnter);
        return QWidget::event(event);
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_field && (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut))
            update(event->type() == QEvent::FocusIn);
        return QWidget::eventFilter(watched, event);
    }

private:
    void update(bool show) { m_copy->setVisible(show || underMouse() || m_field->hasFocus() || m_copy->hasFocus()); }

    QWidget *m_field;
    QToolButton *m_copy;
};

//! The SQL endpoint's provisioning status in words, as the portal says it.
QString provisioningWords(const EnumText<ProvisioningStatus> &status)
{
    switch (status.value) {
    case ProvisioningStatus::InProgress:
        return DetailsPane::tr("Provisioning");
    case ProvisioningStatus::Success:
        return DetailsPane::tr("Succeeded");
    case ProvisioningStatus::Failed:
        return DetailsPane::tr("Failed");
    case ProvisioningStatus::Unknown:
        break;
    }
    return displayText(status.text);
}

} // namespace

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout)
    , m_placeholder(new QLabel)
    , m_content(new QWidget)
    , m_moreDetails(new QPlainTextEdit)
    , m_openDashboard(new QPushButton(tr("Open dashboard")))
    , m_errorLink(new QLabel)
    , m_json(new QPlainTextEdit)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_placeholder->setObjectName(QStringLiteral("detailsPlaceholder"));
    m_placeholder->setTextFormat(Qt::PlainText);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_content, 1);
    m_grid->setColumnStretch(1, 1);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(m_grid);

    addField(QStringLiteral("displayName"), tr("Name"));
    addField(QStringLiteral("status"), tr("Status"));
    addField(QStringLiteral("pausedAdvice"), tr("What to do"));
    addField(QStringLiteral("failedTables"), tr("Failed tables"));
    m_openDashboard->setObjectName(QStringLiteral("detailsOpenDashboard"));
    m_openDashboard->setAccessibleName(tr("Open the dashboard of this mirrored database"));
    m_openDashboard->setToolTip(m_openDashboard->accessibleName());
    connect(m_openDashboard, &QPushButton::clicked, this, &DetailsPane::dashboardRequested);
    addRow(QString(), m_openDashboard);
    addField(QStringLiteral("tables"), tr("Tables"));
    addField(QStringLiteral("lastSync"), tr("Oldest last sync"));
    addField(QStringLiteral("errorCode"), tr("Error code"));
    addField(QStringLiteral("errorMessage"), tr("Error"));
    // What a known database error means and what to do (models/errorexplanation.h), with its
    // Learn page; unknown errors show only the raw fields above and the request id below.
    addField(QStringLiteral("errorExplanation"), tr("What it means"));
    m_errorLink->setObjectName(QStringLiteral("detail_errorLearnLink"));
    m_errorLink->setTextFormat(Qt::RichText); // only learnLinkHtml(): our own Learn URLs
    m_errorLink->setOpenExternalLinks(true);
    m_errorLink->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    addRow(QString(), m_errorLink);
    addField(QStringLiteral("requestId"), tr("Request id"));
    addField(QStringLiteral("description"), tr("Description"));
    addField(QStringLiteral("id"), tr("Id"));
    addField(QStringLiteral("workspace"), tr("Workspace"));
    addField(QStringLiteral("role"), tr("Your role"));
    addField(QStringLiteral("workspaceId"), tr("Workspace id"));
    addField(QStringLiteral("folderId"), tr("Folder id"));
    addField(QStringLiteral("oneLakeTablesPath"), tr("OneLake tables path"));
    addField(QStringLiteral("sqlEndpointId"), tr("SQL endpoint id"));
    addField(QStringLiteral("connectionString"), tr("SQL connection string"));
    addField(QStringLiteral("provisioningStatus"), tr("SQL endpoint"));
    addField(QStringLiteral("defaultSchema"), tr("Default schema"));

    m_moreDetails->setObjectName(QStringLiteral("detail_moreDetails"));
    m_moreDetails->setAccessibleName(tr("More details"));
    m_moreDetails->setReadOnly(true);
    m_moreDetails->setMaximumHeight(80);
    m_moreDetails->setTabChangesFocus(true);
    addRow(tr("More details"), m_moreDetails);

    m_json->setObjectName(QStringLiteral("detail_json"));
    m_json->setAccessibleName(tr("Item as JSON"));
    m_json->setReadOnly(true);
    m_json->setTabChangesFocus(true);
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *jsonLabel = new QLabel(tr("As JSON (every field the service sent):"));
    jsonLabel->setWordWrap(true);
    contentLayout->addWidget(jsonLabel);
    contentLayout->addWidget(m_json, 1);
    setRow(nullptr);
}

void DetailsPane::resizeEvent(QResizeEvent *event)
{
    // A narrow pane (1024 px screens) puts labels above their values: the values keep the width.
    const bool stacked = width() < kNarrowWidth;
    if (stacked != m_stacked) {
        m_stacked = stacked;
        placeRows();
    }
    QWidget::resizeEvent(event);
}

void DetailsPane::addField(const QString &key, const QString &label)
{
    // Sentences (status, error, failed tables) wrap between words; ids, paths and the connection
    // string are one word, which wraps anywhere rather than being cut (DetailValue).
    auto *field = new DetailValue;
    field->setObjectName(QStringLiteral("detail_") + key);
    field->setAccessibleName(label);
    // A long value must not widen the pane past its splitter share: it wraps within the pane.
    field->setMinimumWidth(60);
    m_fields.insert(key, field);
    addRow(label, new FieldRow(field, key, label, [field] { return field->value(); }));
}

void DetailsPane::addRow(const QString &label, QWidget *field)
{
    QLabel *title = nullptr;
    if (!label.isEmpty()) {
        title = new QLabel(label);
        title->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    }
    m_rows.append({title, field});
    placeRows();
}

void DetailsPane::placeRows()
{
    // Side by side: a label column and a value column that takes the rest. Stacked: each label
    // spans the pane above its value. Hidden rows take no room in either.
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        for (QWidget *widget : {static_cast<QWidget *>(row.label), row.field}) {
            if (widget)
                m_grid->removeWidget(widget);
        }
        if (m_stacked) {
            if (row.label)
                m_grid->addWidget(row.label, 2 * i, 0, 1, 2);
            m_grid->addWidget(row.field, 2 * i + 1, 0, 1, 2);
        } else {
            if (row.label)
                m_grid->addWidget(row.label, i, 0);
            m_grid->addWidget(row.field, i, 1);
        }
    }
}

void DetailsPane::setRowVisible(QWidget *field, bool visible)
{
    for (const Row &row : std::as_const(m_rows)) {
        if (row.field != field)
            continue;
        if (row.label)
            row.label->setVisible(visible);
        row.field->setVisible(visible);
    }
}

void DetailsPane::setRole(const QString &role)
{
    setField(QStringLiteral("role"), displayText(role, 80));
}

void DetailsPane::setField(const QString &key, const QString &text, const QString &toolTip)
{
    DetailValue *field = m_fields.value(key);
    setRowVisible(field->parentWidget(), !text.isEmpty());
    field->setToolTip(toolTip.isEmpty() ? QString() : plainToolTip(toolTip));
    field->setValue(text);
}

void DetailsPane::addSqlEndpointAction(QAction *action)
{
    auto *button = new QToolButton;
    button->setObjectName(QStringLiteral("detailsRefreshSqlEndpoint"));
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // Under the SQL endpoint's provisioning status, the row it acts on.
    const QWidget *after = m_fields.value(QStringLiteral("provisioningStatus"))->parentWidget();
    qsizetype at = m_rows.size();
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).field == after)
            at = i + 1;
    m_rows.insert(at, {nullptr, button});
    placeRows();
}

QString DetailsPane::value(const QString &key) const
{
    if (key == QLatin1String("moreDetails"))
        return m_moreDetails->toPlainText();
    if (key == QLatin1String("json"))
        return m_json->toPlainText();
    const DetailValue *field = m_fields.value(key);
    return field ? field->value() : QString();
}

bool DetailsPane::isShown(const QString &key) const
{
    const QWidget *field = m_fields.value(key);
    return field && m_content->isVisible() && field->parentWidget()->isVisible();
}

QString DetailsPane::placeholderText() const
{
    return m_placeholder->isVisible() ? m_placeholder->text() : QString();
}

void DetailsPane::setPlaceholder(const QString &text)
{
    m_placeholderText = text;
    if (!m_content->isVisible())
        m_placeholder->setText(text.isEmpty() ? tr("Select a mirrored database to see its properties and status.")
                                              : text);
}

void DetailsPane::setSelectionSummary(const QString &text)
{
    setRow(nullptr);
    m_placeholder->setText(text);
}

void DetailsPane::setRow(const MirroredDatabaseRow *row, const TableStatusModel *tables)
{
    m_placeholder->setVisible(!row);
    m_content->setVisible(row);
    if (!row) {
        for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it)
            setField(it.key(), {});
        m_moreDetails->clear();
        m_json->clear();
        m_placeholder->setText(m_placeholderText.isEmpty()
                                   ? tr("Select a mirrored database to see its properties and status.")
                                   : m_placeholderText);
        return;
    }
    const MirroredDatabase &db = row->database;
    setField(QStringLiteral("displayName"), displayText(db.displayName));
    setField(QStringLiteral("description"), displayText(db.description, 1000));
    setField(QStringLiteral("id"), displayText(db.id));
    setField(QStringLiteral("workspace"), displayText(row->workspaceName));
    setField(QStringLiteral("workspaceId"), displayText(db.workspaceId));
    setField(QStringLiteral("folderId"), displayText(db.folderId));
    const MirroredDatabaseProperties properties = db.properties.value_or(MirroredDatabaseProperties{});
    const SqlEndpointProperties endpoint = properties.sqlEndpointProperties.value_or(SqlEndpointProperties{});
    setField(QStringLiteral("oneLakeTablesPath"), displayText(properties.oneLakeTablesPath, 1000));
    setField(QStringLiteral("sqlEndpointId"), displayText(endpoint.id));
    setField(QStringLiteral("connectionString"), displayText(endpoint.connectionString, 1000));
    setField(QStringLiteral("provisioningStatus"),
             endpoint.provisioningStatus.isAbsent() ? QString() : provisioningWords(endpoint.provisioningStatus),
             endpoint.provisioningStatus.isAbsent()
                 ? QString()
                 : tr("provisioningStatus: %1").arg(endpoint.provisioningStatus.text));
    setField(QStringLiteral("defaultSchema"), displayText(properties.defaultSchema));
    const MirroringHealth health = MirroredDatabaseListModel::healthOf(*row);
    setField(QStringLiteral("status"), row->status ? displayText(health.text) : tr("Not known yet"),
             row->status ? tr("status: %1").arg(row->status->status.text) : QString());
    const bool paused = row->status && row->status->status.value == MirroringStatus::Paused;
    setField(QStringLiteral("pausedAdvice"), paused ? PausedMirroring::advice() : QString());
    // Which tables failed, not only how many: the first few, and the dashboard for the rest.
    QStringList failed;
    int failedCount = 0;
    if (tables) {
        for (int r = 0; r < tables->rowCount(); ++r) {
            const TableMirroringStatus &table = tables->rowAt(r).status;
            if (table.status != TableStatus::Failed)
                continue;
            if (++failedCount <= kFailedTablesShown)
                failed << displayText(table.sourceSchemaName + QLatin1Char('.') + table.sourceTableName, 80);
        }
    }
    if (failedCount > kFailedTablesShown)
        failed << tr("and %n more", nullptr, failedCount - kFailedTablesShown);
    if (failed.isEmpty() && row->failedTables > 0)
        failed << tr("%n table(s)", nullptr, row->failedTables);
    setField(QStringLiteral("failedTables"), failed.join(QStringLiteral(", ")));
    setRowVisible(m_openDashboard, !failed.isEmpty());
    setField(QStringLiteral("tables"), MirroredDatabaseListModel::tablesText(*row));
    setField(QStringLiteral("lastSync"), row->oldestLastSync.isValid()
                                             ? row->oldestLastSync.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                                             : QString());
    const ErrorResponse error = row->status && row->status->error ? *row->status->error : ErrorResponse{};
    setField(QStringLiteral("errorCode"), displayText(error.errorCode));
    setField(QStringLiteral("errorMessage"), displayText(error.message, 1000));
    setField(QStringLiteral("requestId"), error.requestId);
    const auto explanation = error.errorCode.isEmpty() && error.message.isEmpty()
                                 ? std::nullopt
                                 : explainError(error, ErrorScope::Database);
    setField(QStringLiteral("errorExplanation"),
             explanation ? explanation->title + u'\n' + explanation->meaning + u'\n' + tr("What to do: %1").arg(explanation->action)
                         : QString());
    m_errorLink->setText(explanation ? learnLinkHtml(explanation->learnUrl, tr("Read more on Microsoft Learn")) : QString());
    setRowVisible(m_errorLink, explanation.has_value());
    QStringList more;
    for (const ErrorResponse &detail : error.moreDetails)
        more << tr("%1: %2").arg(detail.errorCode, detail.message);
    m_moreDetails->setPlainText(more.join(QLatin1Char('\n')));
    setRowVisible(m_moreDetails, !more.isEmpty());
    const QString json = MirroredDatabaseListModel::jsonText(*row);
    if (m_json->toPlainText() != json) // keep the reader's scroll position when nothing changed
        m_json->setPlainText(json);
}

} // namespace fmc
