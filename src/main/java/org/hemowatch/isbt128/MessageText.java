package org.hemowatch.isbt128;

/** Wording shared by the decoder's messages: characters shown safely, articles, capitals. */
final class MessageText {

    private MessageText() {
    }

    /** A character in quotes, or as U+XXXX when it is a control or non-ASCII character. */
    static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    /** The text with control and non-ASCII characters shown as U+XXXX. */
    static String visible(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("U+%04X", (int) c));
        }
        return out.toString();
    }

    static String withArticle(String label) {
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
