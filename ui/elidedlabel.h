#pragma once

#include <QLabel>

namespace fmc {

//! \brief A one-line plain-text label that ends in "…" when its text is wider than it is.
//! text() stays the whole text (for accessibility, copying and tests); only the drawing is cut,
//! so a cut line never looks complete. With word wrap on it is a plain QLabel. Qt Widgets has no
//! eliding label (QFontMetrics::elidedText is the part it gives), hence this small class.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    //! Whether the text is drawn cut at this width.
    bool isElided() const;
    //! One line: room for "…" at least, not for the whole text (a long text must not widen a window).
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace fmc
