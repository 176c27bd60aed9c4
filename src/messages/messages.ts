/**
 * A catalogue section: message keys and their text. `{name}` marks a value filled in by `t()`.
 * The Japanese section of an English one is typed `MessagesLike<typeof sectionEn>`, so the
 * compiler refuses a key that exists in one language and not the other.
 */
export type Messages = Readonly<Record<string, string>>;

/** The same keys as `T`, each with its own text. */
export type MessagesLike<T extends Messages> = { readonly [K in keyof T]: string };
