#pragma once

#include "app/readiness/readinessline.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace fmc {

//! \brief One line of the readiness checklist: an outcome mark, the check's title, its result
//! sentence and details as plain text (they may quote the service), a Learn link and a Copy button.
class ReadinessLineWidget : public QWidget
{
    Q_OBJECT
public:
    ReadinessLineWidget(ReadinessLine::Check check, const QString &title, QWidget *parent = nullptr);

    void setLine(const ReadinessLine &line);
    //! The outcome's word as shown ("Passed", "Failed", ...), for tests and screen readers.
    QString outcomeText() const;
    static QString outcomeWord(ReadinessLine::Outcome outcome);

private:
    ReadinessLine m_line;
    QLabel *m_mark;
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_detail;
    QLabel *m_link;
    QPushButton *m_copy;
};

} // namespace fmc
