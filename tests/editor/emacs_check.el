;;; emacs_check.el --- checks editor/emacs/pathway-mode.el -*- lexical-binding: t; -*-
;; Run by tests/editor/emacs.sh after pathway-mode is loaded: prints one
;; "ok ..." / "not ok ..." line per check.

(defun pathway-check (ok what)
  (princ (format "%s %s\n" (if ok "ok" "not ok") what)))

;; compilation-mode reads pathway's error and traceback lines
(let ((samples
       '(("pathway: examples/x/review.lua:12: attempt to call a nil value" pathway
          "examples/x/review.lua" "12" nil)
         ("pathway: data.csv:1043:17: expected a number" pathway "data.csv" "1043" "17")
         ("\texamples/x/review.lua:30: in function 'check'" pathway-traceback
          "examples/x/review.lua" "30" nil))))
  (dolist (s samples)
    (let* ((line (nth 0 s))
           (entry (cdr (assq (nth 1 s) compilation-error-regexp-alist-alist)))
           (ok (and entry
                    (memq (nth 1 s) compilation-error-regexp-alist)
                    (string-match (nth 0 entry) line)
                    (equal (match-string (nth 1 entry) line) (nth 2 s))
                    (equal (match-string (nth 2 entry) line) (nth 3 s))
                    (equal (and (nth 3 entry) (match-string (nth 3 entry) line))
                           (nth 4 s)))))
      (pathway-check ok (format "%s reads %S" (nth 1 s) line))))
  (pathway-check (not (string-match (nth 1 (assq 'pathway compilation-error-regexp-alist-alist))
                                    "stack traceback:"))
                 "the traceback header is not an error"))

;; the mode in a Lua buffer: compile-command, expression faces
(defun pathway-face-at (text)
  (goto-char (point-min))
  (search-forward text)
  (let ((face (get-text-property (match-beginning 0) 'face)))
    (if (listp face) face (list face))))

(with-temp-buffer
  (setq buffer-file-name (expand-file-name "reviews/demo.lua" temporary-file-directory))
  (insert "-- a review\n"
          "criterion \"c\" { element = \"post_market\" }\n"
          "local a = visits:filter \"arm == 'treated' and x != na\"\n"
          "local b = visits:mutate { years = \"(last - dose_date) / 365.25\" }\n"
          "local c = visits:group_by(\"arm\"):summarise({ m = \"mean(ammonia)\" })\n"
          "rule \"r\" { where = \"variant ~ '^c\\\\.1003C>T$'\" }\n"
          "print(\"not a column\")\n")
  (if (require 'lua-mode nil t)
      (lua-mode)
    ;; no lua-mode here: Lua's strings and comments are enough
    (let ((table (make-syntax-table)))
      (modify-syntax-entry ?\" "\"" table)
      (modify-syntax-entry ?' "\"" table)
      (modify-syntax-entry ?_ "_" table)
      (set-syntax-table table)
      (setq-local font-lock-defaults '(nil nil))))
  (pathway-mode-maybe-enable)
  (pathway-check pathway-mode "pathway-mode-maybe-enable turns the mode on under reviews/")
  (pathway-check (equal compile-command "pathway review demo.lua")
                 (format "compile-command is pathway review FILE (got %S)" compile-command))
  (font-lock-mode 1)
  (font-lock-ensure)
  (dolist (c '(("arm ==" pathway-expression-column)
               ("== 'treated'" pathway-expression-operator)
               ("'treated'" pathway-expression-text)
               ("and x" pathway-expression-keyword)
               ("na\"" pathway-expression-constant)
               ("dose_date" pathway-expression-column)
               ("365" pathway-expression-constant)
               ("mean(" pathway-expression-function)
               ("'^c" pathway-expression-pattern)))
    (pathway-check (memq (nth 1 c) (pathway-face-at (nth 0 c)))
                   (format "%S has %s (got %S)" (nth 0 c) (nth 1 c) (pathway-face-at (nth 0 c)))))
  (pathway-check (not (memq 'pathway-expression-keyword (pathway-face-at "not a column")))
                 "a string outside filter/mutate/where/summarise is left alone")
  (pathway-mode -1)
  (pathway-check (not (local-variable-p 'compile-command)) "turning the mode off restores compile-command"))
;;; emacs_check.el ends here
