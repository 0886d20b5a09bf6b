;;; pathway-mode.el --- Minor mode for pathway review scripts -*- lexical-binding: t; -*-

;; Copyright (C) 2026 The pathway authors

;; Author: The pathway authors
;; Version: 0.1.0
;; Package-Requires: ((emacs "25.1"))
;; Keywords: languages, tools
;; SPDX-License-Identifier: MIT

;; This file is not part of GNU Emacs.

;;; Commentary:

;; pathway review scripts and tests are Lua files.  `pathway-mode' is a
;; minor mode on top of `lua-mode' (or any Lua major mode) that adds:
;;
;; - `compile-command' set to "pathway review FILE" (`pathway-test' runs
;;   "pathway test FILE"), and entries in
;;   `compilation-error-regexp-alist' for pathway's errors
;;   ("pathway: FILE:LINE[:COL]: message") and the traceback's frames
;;   ("<TAB>FILE:LINE: in ..."), so `next-error' visits them;
;; - highlighting of the expression language inside the double-quoted
;;   strings passed to filter, where, mutate and summarise.
;;
;; `pathway-mode-maybe-enable', on `lua-mode-hook', turns the mode on for
;; *_test.lua files, files under a reviews/ directory and files whose
;; first 50 lines have a "-- pathway" marker or call criterion "..." or
;; pathway "...".  See editor/emacs/README.md.

;;; Code:

(require 'compile)

(defgroup pathway nil
  "Support for pathway review scripts."
  :group 'languages
  :prefix "pathway-")

(defcustom pathway-program "pathway"
  "The pathway executable."
  :type 'string)

(defface pathway-expression-column
  '((t :inherit font-lock-variable-name-face))
  "Face of a column name in an expression string.")

(defface pathway-expression-function
  '((t :inherit font-lock-function-name-face))
  "Face of a function or aggregate call in an expression string.")

(defface pathway-expression-keyword
  '((t :inherit font-lock-keyword-face))
  "Face of and, or, not and in in an expression string.")

(defface pathway-expression-constant
  '((t :inherit font-lock-constant-face))
  "Face of na, true, false and numbers in an expression string.")

(defface pathway-expression-operator
  '((t :inherit font-lock-builtin-face))
  "Face of an operator in an expression string.")

(defface pathway-expression-text
  '((t :inherit font-lock-string-face))
  "Face of a quoted text literal in an expression string.")

(defface pathway-expression-pattern
  '((t :inherit font-lock-regexp-grouping-construct))
  "Face of the PCRE pattern after ~ in an expression string.")

;;;; Errors

(defconst pathway-error-regexp
  "^pathway: \\([^:\n]+\\):\\([0-9]+\\):\\(?:\\([0-9]+\\):\\)? "
  "Pathway's error line: pathway: FILE:LINE[:COL]: message.")

(defconst pathway-traceback-regexp
  "^\t\\([^:\n]+\\):\\([0-9]+\\): in "
  "A user frame of pathway's traceback: <TAB>FILE:LINE: in ....")

(defun pathway--register-errors ()
  "Teach `compilation-mode' pathway's error and traceback lines."
  (add-to-list 'compilation-error-regexp-alist-alist
               (list 'pathway pathway-error-regexp 1 2 3))
  ;; a traceback frame is information (level 0), not another error
  (add-to-list 'compilation-error-regexp-alist-alist
               (list 'pathway-traceback pathway-traceback-regexp 1 2 nil 0))
  (add-to-list 'compilation-error-regexp-alist 'pathway)
  (add-to-list 'compilation-error-regexp-alist 'pathway-traceback))

(pathway--register-errors)

;;;; Expression strings

(defconst pathway--expression-call-regexp
  "\\_<\\(?:filter\\|where\\)\\s-*=?\\s-*(*\\s-*\\="
  "Text right before a string that holds an expression (filter, where).")

(defconst pathway--expression-table-regexp
  "\\_<\\(?:mutate\\|summarise\\)\\s-*(?\\s-*\\="
  "Text right before a table whose strings hold expressions.")

(defun pathway--expression-string-p (start)
  "Return non-nil if the string opening at START is an expression."
  (save-excursion
    (goto-char start)
    (or (re-search-backward pathway--expression-call-regexp
                            (line-beginning-position) t)
        (let ((open (nth 1 (syntax-ppss start))))
          (and open
               (eq (char-after open) ?{)
               (progn (goto-char open)
                      (re-search-backward pathway--expression-table-regexp
                                          (line-beginning-position) t)))))))

(defun pathway--match-expression (limit)
  "Find the next expression string before LIMIT.
Set the match data to its contents, without the quotes, and move past it."
  (let (found)
    (while (and (not found) (re-search-forward "\"" limit t))
      (let* ((start (match-beginning 0))
             (state (save-excursion (syntax-ppss start))))
        (unless (or (nth 3 state) (nth 4 state)) ; a quote that opens a string
          (let ((end (ignore-errors (scan-sexps start 1))))
            (when end
              (goto-char end)
              (when (pathway--expression-string-p start)
                (set-match-data (list (1+ start) (1- end)))
                (setq found t)))))))
    found))

(defun pathway--in-expression (regexp group face)
  "A font-lock anchored highlighter of GROUP of REGEXP in FACE.
It searches the expression string the enclosing matcher found."
  `(,regexp (progn (goto-char (match-beginning 0)) (match-end 0))
            (goto-char (match-end 0))
            (,group ',face t)))

(defconst pathway--font-lock-keywords
  (let ((quoted "'\\(?:\\\\.\\|[^'\\\\]\\)*'"))
    `((pathway--match-expression
       ;; later ones override earlier ones: columns first, texts last
       ,(pathway--in-expression "\\_<[[:alpha:]_][[:alnum:]_]*\\_>\\|`[^`]*`" 0
                                'pathway-expression-column)
       ,(pathway--in-expression "\\_<\\([[:alpha:]_][[:alnum:]_]*\\)\\s-*(" 1
                                'pathway-expression-function)
       ,(pathway--in-expression (regexp-opt '("and" "or" "not" "in") 'symbols) 0
                                'pathway-expression-keyword)
       ,(pathway--in-expression
         (concat (regexp-opt '("na" "true" "false") 'symbols)
                 "\\|\\_<[0-9]+\\(?:\\.[0-9]*\\)?\\(?:[eE][-+]?[0-9]+\\)?")
         0 'pathway-expression-constant)
       ,(pathway--in-expression "==\\|!=\\|<=\\|>=\\|[-<>+*/%^=~]" 0
                                'pathway-expression-operator)
       ,(pathway--in-expression quoted 0 'pathway-expression-text)
       ,(pathway--in-expression (concat "~\\s-*\\(" quoted "\\)") 1
                                'pathway-expression-pattern))))
  "Font-lock keywords of `pathway-mode': expression strings' tokens.")

;;;; Commands

(defun pathway--command (verb)
  "Return the shell command for pathway VERB on the current file."
  (format "%s %s %s" pathway-program verb
          (shell-quote-argument
           (if buffer-file-name (file-name-nondirectory buffer-file-name) ""))))

(defun pathway-review ()
  "Run pathway review on the current file, in `compilation-mode'."
  (interactive)
  (compile (pathway--command "review")))

(defun pathway-test ()
  "Run pathway test on the current file, in `compilation-mode'."
  (interactive)
  (compile (pathway--command "test")))

;;;; The mode

;;;###autoload
(define-minor-mode pathway-mode
  "Minor mode for pathway review scripts and tests, on top of a Lua mode.
Sets `compile-command' to pathway review FILE and highlights the
expression language inside the strings passed to filter, where, mutate
and summarise."
  :lighter " pathway"
  :group 'pathway
  (if pathway-mode
      (progn
        (setq-local compile-command (pathway--command "review"))
        (font-lock-add-keywords nil pathway--font-lock-keywords 'append))
    (kill-local-variable 'compile-command)
    (font-lock-remove-keywords nil pathway--font-lock-keywords))
  (when (fboundp 'font-lock-flush)
    (font-lock-flush)))

(defconst pathway--marker-regexp
  "^--[ \t]*pathway\\_>\\|\\_<\\(?:criterion\\|pathway\\)[ \t]*(?[ \t]*[\"']"
  "A line that marks a pathway script: a -- pathway comment or the DSL.")

;;;###autoload
(defun pathway-mode-maybe-enable ()
  "Turn on `pathway-mode' in a pathway script or test.
That is a *_test.lua file, a file under a reviews/ directory, or one
whose first 50 lines have a -- pathway marker or call criterion \"...\"
or pathway \"...\"."
  (when (or (and buffer-file-name
                 (string-match-p "\\(?:_test\\.lua\\'\\|/reviews/.*\\.lua\\'\\)"
                                 buffer-file-name))
            (save-excursion
              (save-restriction
                (widen)
                (goto-char (point-min))
                (forward-line 50)
                (let ((end (point)))
                  (goto-char (point-min))
                  (re-search-forward pathway--marker-regexp end t)))))
    (pathway-mode 1)))

;;;###autoload
(add-hook 'lua-mode-hook #'pathway-mode-maybe-enable)

(provide 'pathway-mode)
;;; pathway-mode.el ends here
