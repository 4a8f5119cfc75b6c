// Typed wrappers around libedit's variadic calls (Swift cannot call C variadics).
// See shared notes/LIBEDIT.md for the traps these avoid: every `el_set`, `el_get` and `history`
// call Swift needs goes through one `static inline` function here with fixed argument types.
#ifndef CELL_LIBEDIT_SHIM_H
#define CELL_LIBEDIT_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <locale.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <histedit.h>

/// A prompt for the rare case the prompt callback finds no context: never NULL, never freed.
static inline char *cell_fallback_prompt(void) {
    static char empty[] = "";
    return empty;
}

/// Width of the terminal on `fd` in columns, or `fallback` when it is not a terminal.
static inline int cell_terminal_columns(int fd, int fallback) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return fallback;
    return size.ws_col;
}

/// Prompt callback type: must never return NULL; the string must outlive the call.
typedef char *(*cell_prompt_fn)(EditLine *);
/// Editor function type for `EL_ADDFN`: returns one of the CC_* codes.
typedef unsigned char (*cell_editor_fn)(EditLine *, int);

/// Makes libedit accept UTF-8: the user's LC_CTYPE, or C.UTF-8 when that is unset or plain C
/// (in the C/POSIX locale libedit silently drops non-ASCII input). Returns 0 when a UTF-8
/// capable locale is active, -1 otherwise.
static inline int cell_setup_locale(void) {
    const char *set = setlocale(LC_CTYPE, "");
    if (set != NULL && strcmp(set, "C") != 0 && strcmp(set, "POSIX") != 0) return 0;
    return setlocale(LC_CTYPE, "C.UTF-8") != NULL ? 0 : -1;
}

static inline void cell_ignore_signal(int signo) { (void)signo; }

/// Installs a no-op SIGINT handler without SA_RESTART, so that Ctrl-C interrupts the blocking
/// read in `el_gets` (it returns NULL, count -1, errno EINTR) instead of killing the process.
static inline int cell_install_sigint_noop(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = cell_ignore_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(SIGINT, &action, NULL);
}

/// Restores the default SIGINT action (terminate), so that Ctrl-C can stop a runaway
/// evaluation between two reads.
static inline int cell_install_sigint_default(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    return sigaction(SIGINT, &action, NULL);
}

/// `el_init` on the process's standard streams (fetched here: Swift 6 rejects the C globals).
static inline EditLine *cell_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int cell_el_set_prompt(EditLine *el, cell_prompt_fn prompt) {
    return el_set(el, EL_PROMPT, prompt);
}

static inline int cell_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int cell_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int cell_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int cell_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *cell_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Registers an editor function under `name`; bind a key to it afterwards.
static inline int cell_el_addfn(EditLine *el, const char *name, const char *help,
                                cell_editor_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// Binds one key sequence (e.g. "^I", "^R") to a named editor function.
static inline int cell_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// Reads the user's ~/.editrc (NULL: the default file), after our own bindings so it can
/// override them.
static inline int cell_el_source(EditLine *el, const char *file) {
    return el_source(el, file);
}

/// Writes text on the editor's output stream and flushes it (used to list completions).
static inline void cell_el_print(EditLine *el, const char *text) {
    FILE *out = NULL;
    if (el_get(el, EL_GETFP, 1, &out) != 0 || out == NULL) return;
    fputs(text, out);
    fflush(out);
}

/// The current edit buffer as UTF-8 (multibyte) text: `[buffer, lastchar)` with the cursor at
/// `cursor`. Only valid until the next libedit call.
static inline const LineInfo *cell_el_line(EditLine *el) {
    return el_line(el);
}

static inline int cell_el_insertstr(EditLine *el, const char *text) {
    return el_insertstr(el, text);
}

/// Deletes `count` characters before the cursor.
static inline void cell_el_deletestr(EditLine *el, int count) {
    el_deletestr(el, count);
}

/// History with room for `size` entries (history_init alone keeps nothing), where an entry
/// equal to the one before it is not stored again.
static inline History *cell_history_init(int size) {
    History *h = history_init();
    if (h == NULL) return NULL;
    HistEvent event;
    history(h, &event, H_SETSIZE, size);
    history(h, &event, H_SETUNIQUE, 1);
    return h;
}

static inline int cell_history_enter(History *h, const char *entry) {
    HistEvent event;
    return history(h, &event, H_ENTER, entry);
}

/// Loads a history file; a missing file returns -1, which is harmless.
static inline int cell_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

/// Saves the history file (libedit's own `_HiStOrY_V2_` format); the directory must exist.
static inline int cell_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

#endif
