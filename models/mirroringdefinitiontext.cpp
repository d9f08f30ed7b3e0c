#include "mirroringdefinitiontext.h"

#include <QList>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

namespace fmc {

namespace {

// Where each value of a document sits in its text. Objects also record their keys, because
// members are added and removed as "key: value" units.
struct Node {
    qsizetype begin = 0;
    qsizetype end = 0;
    char kind = 's'; // '{', '[' or 's' for any scalar
    std::vector<Node> children;
    std::vector<std::string> keys;
    std::vector<qsizetype> keyBegins;
    std::vector<qsizetype> keyEnds;

    qsizetype elementBegin(size_t i) const { return kind == '{' ? keyBegins[i] : children[i].begin; }
    qsizetype elementEnd(size_t i) const { return children[i].end; }
};

// A minimal scanner over text that parseJson() has already accepted; it only locates values.
// It still refuses anything unexpected, so a mismatch falls back to a whole rewrite.
class Scanner
{
public:
    explicit Scanner(const QByteArray &text) : m_text(text) {}

    bool scan(Node &root)
    {
        if (m_text.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        skipSpace();
        if (!value(root, 0))
            return false;
        skipSpace();
        return m_pos == m_text.size();
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text.at(m_pos) : '\0'; }

    void skipSpace()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text.at(m_pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_pos;
        }
    }

    bool string()
    {
        if (peek() != '"')
            return false;
        for (++m_pos; m_pos < m_text.size(); ++m_pos) {
            const char c = m_text.at(m_pos);
            if (c == '\\')
                ++m_pos;
            else if (c == '"') {
                ++m_pos;
                return true;
            }
        }
        return false;
    }

    bool value(Node &node, int depth)
    {
        if (depth > 512)
            return false;
        node.begin = m_pos;
        const char c = peek();
        if (c == '{' || c == '[') {
            node.kind = c;
            const char close = c == '{' ? '}' : ']';
            ++m_pos;
            skipSpace();
            if (peek() == close) {
                node.end = ++m_pos;
                return true;
            }
            for (;;) {
                if (c == '{') {
                    const qsizetype keyBegin = m_pos;
                    if (!string())
                        return false;
                    const qsizetype keyEnd = m_pos;
                    // Keys without escapes are their own bytes; only escaped ones need decoding.
                    const QByteArray raw = m_text.mid(keyBegin + 1, keyEnd - keyBegin - 2);
                    if (raw.contains('\\')) {
                        const auto key = parseJson(m_text.mid(keyBegin, keyEnd - keyBegin));
                        if (!key || !key->is_string())
                            return false;
                        node.keys.push_back(key->get<std::string>());
                    } else {
                        node.keys.push_back(raw.toStdString());
                    }
                    node.keyBegins.push_back(keyBegin);
                    node.keyEnds.push_back(keyEnd);
                    skipSpace();
                    if (peek() != ':')
                        return false;
                    ++m_pos;
                    skipSpace();
                }
                node.children.emplace_back();
                if (!value(node.children.back(), depth + 1))
                    return false;
                skipSpace();
                if (peek() == ',') {
                    ++m_pos;
                    skipSpace();
                    continue;
                }
                if (peek() != close)
                    return false;
                node.end = ++m_pos;
                return true;
            }
        }
        if (c == '"') {
            if (!string())
                return false;
        } else {
            while (m_pos < m_text.size()) {
                const char d = m_text.at(m_pos);
                if (!(std::isalnum(static_cast<unsigned char>(d)) || d == '-' || d == '+' || d == '.'))
                    break;
                ++m_pos;
            }
            if (m_pos == node.begin)
                return false;
        }
        node.end = m_pos;
        return true;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

bool hasNewline(const QByteArray &text, qsizetype from, qsizetype to)
{
    return std::memchr(text.constData() + from, '\n', size_t(to - from)) != nullptr;
}

// The leading spaces and tabs of the line that contains position \a pos.
QByteArray lineIndent(const QByteArray &text, qsizetype pos)
{
    qsizetype start = pos;
    while (start > 0 && text.at(start - 1) != '\n')
        --start;
    if (start == 0 && text.startsWith("\xEF\xBB\xBF"))
        start = 3;
    qsizetype end = start;
    while (end < pos && (text.at(end) == ' ' || text.at(end) == '\t'))
        ++end;
    return text.mid(start, end - start);
}

QByteArray scalarText(const Json &value)
{
    const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray(text.data(), qsizetype(text.size()));
}

void write(QByteArray &out, const Json &value, const DefinitionText::Style &style, const QByteArray &indent)
{
    const bool object = value.is_object();
    if (!object && !value.is_array()) {
        out += scalarText(value);
        return;
    }
    if (value.empty()) {
        out += object ? "{}" : "[]";
        return;
    }
    out += object ? '{' : '[';
    const QByteArray inner = indent + style.indentUnit;
    bool first = true;
    for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first)
            out += style.pretty ? QByteArray(",") : style.comma;
        first = false;
        if (style.pretty)
            out += style.newline + inner;
        if (object)
            out += scalarText(Json(it.key())) + style.colon;
        write(out, it.value(), style, inner);
    }
    if (style.pretty)
        out += style.newline + indent;
    out += object ? '}' : ']';
}

struct Edit {
    qsizetype begin;
    qsizetype end;
    QByteArray text;
};

// How the items of one container are laid out, so inserted items look like their neighbours.
struct Layout {
    DefinitionText::Style style;
    QByteArray itemIndent;
    QByteArray separator;
};

class Patcher
{
public:
    Patcher(const QByteArray &text, const DefinitionText::Style &style) : m_text(text), m_style(style) {}

    bool diff(const Node &node, const Json &before, const Json &after)
    {
        if (before == after)
            return true;
        if (node.kind == '{' && before.is_object() && after.is_object())
            return diffObject(node, before, after);
        if (node.kind == '[' && before.is_array() && after.is_array())
            return diffArray(node, before, after);
        replaceWhole(node, after);
        return true;
    }

    QByteArray apply() const
    {
        // Apply from the end so earlier offsets stay valid; at one position a replacement goes
        // before an insertion so the insertion lands in front of it.
        std::vector<Edit> edits = m_edits;
        std::stable_sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
            if (a.begin != b.begin)
                return a.begin > b.begin;
            return (a.end - a.begin) > (b.end - b.begin);
        });
        QByteArray out = m_text;
        for (const Edit &e : edits)
            out.replace(e.begin, e.end - e.begin, e.text);
        return out;
    }

private:
    void replaceWhole(const Node &node, const Json &after)
    {
        m_edits.push_back({node.begin, node.end, DefinitionText::serialize(after, m_style, lineIndent(m_text, node.begin))});
    }

    Layout layoutOf(const Node &node) const
    {
        Layout layout;
        layout.style = m_style;
        const qsizetype first = node.elementBegin(0);
        const bool multiline = hasNewline(m_text, node.begin, first);
        layout.style.pretty = multiline;
        if (node.kind == '{') {
            const QByteArray colon = m_text.mid(node.keyEnds[0], node.children[0].begin - node.keyEnds[0]);
            if (!colon.contains('\n'))
                layout.style.colon = colon;
        }
        if (multiline) {
            layout.itemIndent = lineIndent(m_text, first);
            layout.separator = "," + m_style.newline + layout.itemIndent;
        } else {
            if (node.children.size() >= 2)
                layout.style.comma = m_text.mid(node.elementEnd(0), node.elementBegin(1) - node.elementEnd(0));
            layout.separator = layout.style.comma;
        }
        return layout;
    }

    QByteArray itemText(const Layout &layout, const std::string *key, const Json &value) const
    {
        QByteArray out;
        if (key)
            out += scalarText(Json(*key)) + layout.style.colon;
        write(out, value, layout.style, layout.itemIndent);
        return out;
    }

    // Old elements [a, b) of \a node give way to \a items (already laid out).
    void replaceRange(const Node &node, size_t a, size_t b, const QList<QByteArray> &items, const Layout &layout)
    {
        const size_t n = node.children.size();
        const QByteArray joined = items.join(layout.separator);
        if (items.isEmpty()) {
            if (b < n)
                m_edits.push_back({node.elementBegin(a), node.elementBegin(b), {}});
            else
                m_edits.push_back({node.elementEnd(a - 1), node.elementEnd(n - 1), {}});
        } else if (a == b) {
            if (a < n)
                m_edits.push_back({node.elementBegin(a), node.elementBegin(a), joined + layout.separator});
            else
                m_edits.push_back({node.elementEnd(n - 1), node.elementEnd(n - 1), layout.separator + joined});
        } else {
            m_edits.push_back({node.elementBegin(a), node.elementEnd(b - 1), joined});
        }
    }

    bool diffObject(const Node &node, const Json &before, const Json &after)
    {
        // The text must hold exactly the parsed members (duplicate keys do not).
        if (node.keys.size() != before.size())
            return false;
        size_t i = 0;
        for (auto it = before.begin(); it != before.end(); ++it, ++i) {
            if (node.keys[i] != it.key())
                return false;
        }
        if (before.empty() || after.empty()) {
            replaceWhole(node, after);
            return true;
        }
        // Kept members must keep their order; otherwise rewrite this object.
        std::vector<std::string> keptBefore, keptAfter;
        for (const std::string &key : node.keys) {
            if (after.contains(key))
                keptBefore.push_back(key);
        }
        for (auto it = after.begin(); it != after.end(); ++it) {
            if (before.contains(it.key()))
                keptAfter.push_back(it.key());
        }
        if (keptBefore != keptAfter) {
            replaceWhole(node, after);
            return true;
        }

        const Layout layout = layoutOf(node);
        std::vector<std::string> afterKeys;
        for (auto it = after.begin(); it != after.end(); ++it)
            afterKeys.push_back(it.key());
        size_t oi = 0, ni = 0;
        const size_t n = node.keys.size(), m = afterKeys.size();
        while (oi < n || ni < m) {
            const size_t a = oi;
            while (oi < n && !after.contains(node.keys[oi]))
                ++oi;
            QList<QByteArray> inserted;
            while (ni < m && !before.contains(afterKeys[ni])) {
                inserted.append(itemText(layout, &afterKeys[ni], after.at(afterKeys[ni])));
                ++ni;
            }
            if (a != oi || !inserted.isEmpty())
                replaceRange(node, a, oi, inserted, layout);
            if (oi < n && ni < m) {
                if (!diff(node.children[oi], before.at(node.keys[oi]), after.at(afterKeys[ni])))
                    return false;
                ++oi;
                ++ni;
            }
        }
        return true;
    }

    bool diffArray(const Node &node, const Json &before, const Json &after)
    {
        if (node.children.size() != before.size())
            return false;
        if (before.empty() || after.empty()) {
            replaceWhole(node, after);
            return true;
        }
        const size_t n = before.size(), m = after.size();
        size_t prefix = 0;
        while (prefix < std::min(n, m) && before[prefix] == after[prefix])
            ++prefix;
        size_t suffix = 0;
        while (suffix < std::min(n, m) - prefix && before[n - 1 - suffix] == after[m - 1 - suffix])
            ++suffix;
        if (n == m) {
            // Same length: edit item by item, so renaming one table touches only that name.
            for (size_t i = prefix; i < n - suffix; ++i) {
                if (!diff(node.children[i], before[i], after[i]))
                    return false;
            }
            return true;
        }
        const Layout layout = layoutOf(node);
        QList<QByteArray> inserted;
        for (size_t i = prefix; i < m - suffix; ++i)
            inserted.append(itemText(layout, nullptr, after[i]));
        replaceRange(node, prefix, n - suffix, inserted, layout);
        return true;
    }

    const QByteArray &m_text;
    DefinitionText::Style m_style;
    std::vector<Edit> m_edits;
};

// The first container (depth first) with two items on one line shows the compact separator.
const Node *firstInlinePair(const QByteArray &text, const Node &node)
{
    if (node.children.size() >= 2 && !hasNewline(text, node.begin, node.end))
        return &node;
    for (const Node &child : node.children) {
        if (const Node *found = firstInlinePair(text, child))
            return found;
    }
    return nullptr;
}

// The first container (depth first) whose first item starts a new line shows the indent unit.
const Node *firstMultiline(const QByteArray &text, const Node &node)
{
    if (!node.children.empty() && hasNewline(text, node.begin, node.elementBegin(0)))
        return &node;
    for (const Node &child : node.children) {
        if (const Node *found = firstMultiline(text, child))
            return found;
    }
    return nullptr;
}

const Node *firstObjectWithMembers(const Node &node)
{
    if (node.kind == '{' && !node.children.empty())
        return &node;
    for (const Node &child : node.children) {
        if (const Node *found = firstObjectWithMembers(child))
            return found;
    }
    return nullptr;
}

// The layout of \a text, whose values \a root locates.
DefinitionText::Style styleOf(const QByteArray &text, const Node &root)
{
    DefinitionText::Style style;
    if (text.contains("\r\n"))
        style.newline = "\r\n";
    // JSON strings cannot hold a raw newline, so any newline inside the root value is layout.
    style.pretty = hasNewline(text, root.begin, root.end);
    if (const Node *container = firstMultiline(text, root)) {
        const QByteArray outer = lineIndent(text, container->begin);
        const QByteArray inner = lineIndent(text, container->elementBegin(0));
        if (inner.size() > outer.size() && inner.startsWith(outer))
            style.indentUnit = inner.mid(outer.size());
    }
    if (const Node *object = firstObjectWithMembers(root)) {
        const QByteArray colon = text.mid(object->keyEnds[0], object->children[0].begin - object->keyEnds[0]);
        if (!colon.contains('\n'))
            style.colon = colon;
    }
    if (const Node *pair = firstInlinePair(text, root))
        style.comma = text.mid(pair->elementEnd(0), pair->elementBegin(1) - pair->elementEnd(0));
    return style;
}

} // namespace

DefinitionText::Style DefinitionText::detectStyle(const QByteArray &text)
{
    Node root;
    if (!Scanner(text).scan(root))
        return Style();
    return styleOf(text, root);
}

QByteArray DefinitionText::serialize(const Json &value, const Style &style, const QByteArray &baseIndent)
{
    QByteArray out;
    write(out, value, style, baseIndent);
    return out;
}

QByteArray DefinitionText::patch(const QByteArray &original, const Json &originalValue, const Json &newValue)
{
    if (originalValue == newValue)
        return original;
    Node root;
    if (Scanner(original).scan(root)) {
        const Style style = styleOf(original, root);
        Patcher patcher(original, style);
        if (patcher.diff(root, originalValue, newValue))
            return patcher.apply();
        // Keep what surrounds the root value (a byte order mark, a final newline).
        return original.left(root.begin) + serialize(newValue, style) + original.mid(root.end);
    }
    const Style style = defaultStyle();
    QByteArray out = serialize(newValue, style);
    if (original.endsWith('\n'))
        out += style.newline;
    return out;
}

} // namespace fmc
