#include "readinesslinewidget.h"

#include "models/displaytext.h"
#include "ui/themecolours.h"

#include <QApplication>
#include <QClipboard>
#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>

namespace fmc {

namespace {

// Details may be long (the tables left out, several connection errors): cut for the label; the
// Copy button and the tooltip carry all of it.
constexpr qsizetype kDetailLimit = 1200;

QLabel *plainLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ReadinessLineWidget::ReadinessLineWidget(ReadinessLine::Check check, const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_mark(new QLabel(this))
    , m_title(new QLabel(this))
    , m_summary(plainLabel(this, QStringLiteral("summary")))
    , m_detail(plainLabel(this, QStringLiteral("detail")))
    , m_link(new QLabel(this))
    , m_copy(new QPushButton(tr("Copy"), this))
{
    m_line.check = check;
    m_mark->setObjectName(QStringLiteral("mark"));
    m_mark->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setText(title);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_mark->setFont(bold);
    // As wide as the widest word, so the titles line up whatever the outcomes.
    int widest = 0;
    for (int o = int(ReadinessLine::Outcome::Pending); o <= int(ReadinessLine::Outcome::Cancelled); ++o)
        widest = std::max(widest, QFontMetrics(bold).horizontalAdvance(outcomeWord(ReadinessLine::Outcome(o))));
    m_mark->setFixedWidth(widest + 8);
    m_detail->hide();
    // Our own Learn URL (never one from the service), so a rich-text link is safe here.
    m_link->setObjectName(QStringLiteral("learnLink"));
    m_link->setTextFormat(Qt::RichText);
    m_link->setOpenExternalLinks(true);
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_link->hide();
    m_copy->setObjectName(QStringLiteral("copy"));
    m_copy->setToolTip(tr("Copy these steps to the clipboard"));
    m_copy->hide();
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_line.copyText); });

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addWidget(m_mark, 0, 0, 3, 1);
    layout->addWidget(m_title, 0, 1);
    layout->addWidget(m_summary, 1, 1, 1, 2);
    layout->addWidget(m_detail, 2, 1, 1, 2);
    auto *row = new QHBoxLayout;
    row->addWidget(m_link);
    row->addStretch();
    row->addWidget(m_copy);
    layout->addLayout(row, 3, 1, 1, 2);
    layout->setColumnStretch(1, 1);
    setLine(m_line);
}

QString ReadinessLineWidget::outcomeWord(ReadinessLine::Outcome outcome)
{
    switch (outcome) {
    case ReadinessLine::Outcome::Pending: return tr("Waiting");
    case ReadinessLine::Outcome::Running: return tr("Checking");
    case ReadinessLine::Outcome::Passed: return tr("Passed");
    case ReadinessLine::Outcome::Warning: return tr("Warning");
    case ReadinessLine::Outcome::ToDo: return tr("To do");
    case ReadinessLine::Outcome::Failed: return tr("Failed");
    case ReadinessLine::Outcome::Cancelled: return tr("Cancelled");
    }
    return {};
}

QString ReadinessLineWidget::outcomeText() const
{
    return outcomeWord(m_line.outcome);
}

void ReadinessLineWidget::setLine(const ReadinessLine &line)
{
    m_line = line;
    m_mark->setText(outcomeWord(line.outcome));
    QPalette palette = m_mark->palette();
    QColor colour = QApplication::palette().color(QPalette::WindowText);
    switch (line.outcome) {
    case ReadinessLine::Outcome::Passed: colour = ThemeColours::colour(ThemeColours::Meaning::Fine, palette); break;
    case ReadinessLine::Outcome::Failed: colour = ThemeColours::failed(palette); break;
    case ReadinessLine::Outcome::Warning:
    case ReadinessLine::Outcome::ToDo: colour = ThemeColours::warning(palette); break;
    default: colour = ThemeColours::muted(palette); break;
    }
    palette.setColor(QPalette::WindowText, colour);
    m_mark->setPalette(palette);
    m_summary->setText(displayMessage(line.summary, kDetailLimit));
    m_detail->setText(displayMessage(line.detail, kDetailLimit));
    m_detail->setToolTip(line.detail.size() > kDetailLimit ? plainToolTip(line.detail) : QString());
    m_detail->setVisible(!line.detail.isEmpty());
    const bool hasLink = line.link.isValid() && line.link.scheme() == QLatin1String("https");
    m_link->setText(hasLink ? QStringLiteral("<a href=\"%1\">%2</a>")
                                  .arg(QString::fromUtf8(line.link.toEncoded()).toHtmlEscaped(),
                                       tr("Read on Microsoft Learn").toHtmlEscaped())
                            : QString());
    m_link->setToolTip(hasLink ? line.link.toString() : QString());
    m_link->setVisible(hasLink);
    m_copy->setVisible(!line.copyText.isEmpty());
    setAccessibleName(m_title->text() + QStringLiteral(": ") + outcomeText());
}

} // namespace fmc
