#include "ui/settings/settingsdialog.h"

#include "ui/wholenumberspinbox.h"
#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fmc {

namespace {

// "500; Snowflake: 1000": the default first, then each source type that differs.
QString automaticLimitsText(const DefinitionLimits &limits)
{
    QStringList parts{QString::number(limits.defaultMaxTables)};
    QStringList types = limits.maxTablesBySourceType.keys();
    types.sort();
    for (const QString &type : std::as_const(types))
        parts << QStringLiteral("%1: %2").arg(type).arg(limits.maxTablesBySourceType.value(type));
    return parts.join(QStringLiteral("; "));
}

} // namespace

SettingsDialog::SettingsDialog(const ConsoleSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_input(settings)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    auto *layout = new QVBoxLayout(this);
    // A grid, not a QFormLayout: there an error label next to the field squeezed the field and
    // was cut, as QFormLayout gives a row the height of its field only (Qt 6.4).
    m_form = new QGridLayout;
    m_form->setColumnStretch(1, 1);
    m_form->setVerticalSpacing(2);
    layout->addLayout(m_form);
    layout->addStretch(1); // extra height below the fields, not between them

    m_apiUrl = addLineField(tr("API base URL:"), QStringLiteral("apiUrl"), ConsoleSettings::defaultApiBaseUrl().toString());
    m_authority = addLineField(tr("Authority:"), QStringLiteral("authority"), ConsoleSettings::defaultAuthority().toString());
    m_tenant = addLineField(tr("Tenant:"), QStringLiteral("tenant"), ConsoleSettings::defaultTenant());
    m_clientId = addLineField(tr("Client id:"), QStringLiteral("clientId"), tr("application (client) id for device code and browser sign-in"));

    m_refresh = new WholeNumberSpinBox;
    m_refresh->setObjectName(QStringLiteral("refreshSpin"));
    m_refresh->setRange(ConsoleSettings::kMinRefreshSeconds, ConsoleSettings::kMaxRefreshSeconds);
    m_refresh->setSuffix(tr(" s"));
    m_refresh->setToolTip(tr("How often mirroring status and dashboards refresh."));
    addRow(tr("Refresh interval:"), m_refresh, QStringLiteral("refresh"));
    m_tableLimit = new WholeNumberSpinBox;
    m_tableLimit->setObjectName(QStringLiteral("tableLimitSpin"));
    // The lowest value reads "Automatic": the per-source limits of the documentation.
    static_assert(ConsoleSettings::kAutomaticTableLimit == ConsoleSettings::kMinTableLimit - 1);
    m_tableLimit->setRange(ConsoleSettings::kAutomaticTableLimit, ConsoleSettings::kMaxTableLimit);
    const DefinitionLimits automatic;
    m_tableLimit->setSpecialValueText(tr("Automatic (%1)").arg(automaticLimitsText(automatic)));
    m_tableLimit->setSuffix(tr(" tables"));
    m_tableLimit->setToolTip(
        tr("<p>The most tables the definition editor lets one mirrored database mirror, as the Fabric portal "
           "blocks selecting more.</p><p><b>Automatic</b> uses the documented limits: %1.</p>"
           "<p>A number overrides them for every source type, e.g. once Microsoft raises the limit. "
           "It applies to the next editor opened.</p>")
            .arg(automaticLimitsText(automatic)));
    addRow(tr("Max tables per database:"), m_tableLimit, QStringLiteral("tableLimit"));
    m_sqlEndpointTimeout = new WholeNumberSpinBox;
    m_sqlEndpointTimeout->setObjectName(QStringLiteral("sqlEndpointTimeoutSpin"));
    m_sqlEndpointTimeout->setRange(ConsoleSettings::kMinSqlEndpointTimeoutMinutes,
                                   ConsoleSettings::kMaxSqlEndpointTimeoutMinutes);
    m_sqlEndpointTimeout->setSuffix(tr(" min"));
    m_sqlEndpointTimeout->setToolTip(
        tr("<p>How long \"Refresh SQL endpoint\" lets the service sync table metadata before it stops; "
           "tables not reached by then are reported as not run.</p><p>Default 15 minutes, as the service's.</p>"));
    addRow(tr("SQL endpoint refresh timeout:"), m_sqlEndpointTimeout, QStringLiteral("sqlEndpointTimeout"));
    for (WholeNumberSpinBox *spin : {m_refresh, m_tableLimit, m_sqlEndpointTimeout})
        connect(spin, &WholeNumberSpinBox::typedTextChanged, this, &SettingsDialog::revalidate);

    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("settingsNote"));
    m_note->setWordWrap(true);
    m_note->hide();
    layout->addWidget(m_note);

    // Made with its parent: a button box that lays its buttons out before it has one leaves OK
    // and Cancel out of the dialog's Tab chain (Qt 6.4).
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults,
                                     this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            &SettingsDialog::restoreDefaults);

    m_apiUrl->setText(settings.apiBaseUrl.toString());
    m_authority->setText(settings.authority.toString());
    m_tenant->setText(settings.tenant);
    m_clientId->setText(settings.clientId);
    m_refresh->setValue(settings.refreshIntervalSeconds);
    m_tableLimit->setValue(settings.tableLimit);
    m_sqlEndpointTimeout->setValue(settings.sqlEndpointRefreshTimeoutMinutes);
    revalidate();
    resize(qMax(sizeHint().width(), 560), sizeHint().height());
}

QLineEdit *SettingsDialog::addLineField(const QString &label, const QString &name, const QString &placeholder)
{
    auto *edit = new QLineEdit;
    edit->setObjectName(name + QStringLiteral("Edit"));
    edit->setAccessibleName(QString(label).remove(u'&').remove(u':'));
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    addRow(label, edit, name);
    connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    return edit;
}

void SettingsDialog::addRow(const QString &label, QWidget *field, const QString &name)
{
    auto *caption = new QLabel(label);
    caption->setBuddy(field);
    field->setAccessibleName(QString(label).remove(QLatin1Char(':')));
    auto *error = new QLabel;
    error->setObjectName(name + QStringLiteral("Error"));
    error->setWordWrap(true);
    error->setTextFormat(Qt::PlainText);
    // The palette's link colour is too weak for an error; a red picked for the palette (light or
    // dark) reads on either, and the text itself carries the meaning on any theme.
    error->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
    error->hide();
    const int row = m_form->rowCount();
    m_form->addWidget(caption, row, 0, Qt::AlignRight | Qt::AlignVCenter);
    m_form->addWidget(field, row, 1);
    m_form->addWidget(error, row + 1, 1);
    m_errors.insert(field, error);
}

void SettingsDialog::growToFit()
{
    // A message that appears makes the dialog taller, never the fields shorter or the text cut.
    layout()->activate();
    const int needed = layout()->hasHeightForWidth() ? layout()->totalHeightForWidth(width())
                                                     : layout()->totalMinimumSize().height();
    if (needed > height())
        resize(width(), needed);
}

ConsoleSettings SettingsDialog::settings() const
{
    ConsoleSettings s = m_input;
    s.apiBaseUrl = QUrl(m_apiUrl->text().trimmed(), QUrl::StrictMode);
    s.authority = QUrl(m_authority->text().trimmed(), QUrl::StrictMode);
    s.tenant = m_tenant->text().trimmed();
    s.clientId = m_clientId->text().trimmed();
    s.refreshIntervalSeconds = m_refresh->value();
    s.tableLimit = m_tableLimit->value();
    s.sqlEndpointRefreshTimeoutMinutes = m_sqlEndpointTimeout->value();
    return s;
}

bool SettingsDialog::isValid() const
{
    return settings().problems().isEmpty() && m_refresh->isAcceptable() && m_tableLimit->isAcceptable()
           && m_sqlEndpointTimeout->isAcceptable();
}

void SettingsDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void SettingsDialog::revalidate()
{
    const ConsoleSettings s = settings();
    // A spin box's text that is not a whole number in range is refused as typed: QSpinBox would
    // have dropped the key ("2.5" → 25) or put the last value back (a typed 1 → 10).
    const auto number = [this](WholeNumberSpinBox *spin, const QString &what) {
        if (spin->isAcceptable())
            return QString();
        return tr("%1 must be a whole number from %2 to %3, not \"%4\".")
            .arg(what)
            .arg(spin->minimum() + (spin->specialValueText().isEmpty() ? 0 : 1))
            .arg(spin->maximum())
            .arg(spin->typedText().left(20));
    };
    const QHash<QWidget *, QString> reasons{
        {m_apiUrl, ConsoleSettings::checkEndpointUrl(s.apiBaseUrl, tr("The API base URL"))},
        {m_authority, ConsoleSettings::checkEndpointUrl(s.authority, tr("The authority"))},
        {m_tenant, ConsoleSettings::checkTenant(s.tenant)},
        {m_clientId, ConsoleSettings::checkClientId(s.clientId)},
        {m_refresh, number(m_refresh, tr("The refresh interval"))},
        {m_tableLimit, number(m_tableLimit, tr("The table limit"))},
        {m_sqlEndpointTimeout, number(m_sqlEndpointTimeout, tr("The SQL endpoint refresh timeout"))},
    };
    bool valid = true;
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it) {
        QLabel *error = m_errors.value(it.key());
        error->setText(it.value());
        error->setVisible(!it.value().isEmpty());
        if (qobject_cast<QLineEdit *>(it.key()))
            it.key()->setToolTip(it.value()); // the spin boxes keep their explanations
        valid = valid && it.value().isEmpty();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
    if (isVisible())
        growToFit();
}

void SettingsDialog::restoreDefaults()
{
    const ConsoleSettings defaults;
    m_apiUrl->setText(defaults.apiBaseUrl.toString());
    m_authority->setText(defaults.authority.toString());
    m_tenant->setText(defaults.tenant);
    m_clientId->setText(defaults.clientId);
    m_refresh->setValue(defaults.refreshIntervalSeconds);
    m_tableLimit->setValue(defaults.tableLimit);
    m_sqlEndpointTimeout->setValue(defaults.sqlEndpointRefreshTimeoutMinutes);
}

} // namespace fmc
