#pragma once

#include "app/profiles/profile.h"

#include <QLabel>

namespace fmc {

//! \brief The coloured band that says which profile a window acts on: the profile's label on
//! its colour ("PROD" on red), with "production" spelled out for a production profile. It paints
//! its own background and picks black or white text, whichever contrasts more, so that it reads
//! the same in a light or a dark theme.
class ProfileStrip : public QLabel
{
    Q_OBJECT
public:
    explicit ProfileStrip(const Profile &profile, QWidget *parent = nullptr);

    const Profile &profile() const { return m_profile; }
    void setProfile(const Profile &profile);

    //! Black or white, whichever has the higher contrast ratio on \a background.
    static QColor textColourOn(const QColor &background);
    //! The WCAG 2 contrast ratio of \a a and \a b (1 to 21).
    static double contrastRatio(const QColor &a, const QColor &b);

private:
    Profile m_profile;
};

} // namespace fmc
