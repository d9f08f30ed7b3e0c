#include "ui/settings/settingsdialog.h"

#include "ui/themecolours.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
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
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    layout->addLayout(m_form);

    m_apiUrl = addLineField(tr("API base URL:"), QStringLiteral("apiUrl"), ConsoleSettings::defaultApiBaseUrl().toString());
    m_authority = addLineField(tr("Authority:"), QStringLiteral("authority"), ConsoleSettings::defaultAuthority().toString());
    m_tenant = addLineField(tr("Tenant:"), QStringLiteral("tenant"), ConsoleSettings::defaultTenant());
    m_clientId = addLineField(tr("Client id:"), QStringLiteral("clientId"), tr("application (client) id for device code and browser sign-in"));

    m_refresh = new QSpinBox;
    m_refresh->setObjectName(QStringLiteral("refreshSpin"));
    m_refresh->setRange(ConsoleSettings::kMinRefreshSeconds, ConsoleSettings::kMaxRefreshSeconds);
    m_refresh->setSuffix(tr(" s"));
    m_refresh->setToolTip(tr("How often mirroring status and dashboards refresh."));
    m_form->addRow(tr("Refresh interval:"), m_refresh);
    m_tableLimit = new QSpinBox;
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
    m_form->addRow(tr("Max tables per database:"), m_tableLimit);

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
    auto *error = new QLabel;
    error->setObjectName(name + QStringLiteral("Error"));
    error->setWordWrap(true);
    // The palette's link colour is too weak for an error; a red picked for the palette (light or
    // dark) reads on either, and the text itself carries the meaning on any theme.
    error->setStyleSheet(QStringLiteral("color: %1;").arg(ThemeColours::failed(palette()).name()));
    error->hide();
    auto *box = new QVBoxLayout;
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(2);
    box->addWidget(edit);
    box->addWidget(error);
    m_form->addRow(label, box);
    m_errors.insert(edit, error);
    connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    return edit;
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
    return s;
}

bool SettingsDialog::isValid() const
{
    return settings().problems().isEmpty();
}

void SettingsDialog::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void SettingsDialog::revalidate()
{
    const ConsoleSettings s = settings();
    const QHash<QLineEdit *, QString> reasons{
        {m_apiUrl, ConsoleSettings::checkEndpointUrl(s.apiBaseUrl, tr("The API base URL"))},
        {m_authority, ConsoleSettings::checkEndpointUrl(s.authority, tr("The authority"))},
        {m_tenant, ConsoleSettings::checkTenant(s.tenant)},
        {m_clientId, ConsoleSettings::checkClientId(s.clientId)},
    };
    bool valid = true;
    for (auto it = reasons.cbegin(); it != reasons.cend(); ++it) {
        QLabel *error = m_errors.value(it.key());
        error->setText(it.value());
        error->setVisible(!it.value().isEmpty());
        it.key()->setToolTip(it.value());
        valid = valid && it.value().isEmpty();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
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
}

} // namespace fmc
