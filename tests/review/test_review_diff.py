from __future__ import annotations

from codejudge.review.diff import changed_lines, parse_unified_diff


def test_parse_counts_and_deletions() -> None:
    text = (
        "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n"
        "@@ -1 +1 @@\n-a\n+b\n"  # one line rewritten
        "@@ -5,2 +4,0 @@\n-c\n-d\n"  # pure deletion: no new-side lines
        "@@ -9,0 +9,3 @@\n+e\n+f\n+g\n"  # three added
        "diff --git a/gone.py b/gone.py\n--- a/gone.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
    )
    assert parse_unified_diff(text) == {"x.py": {1, 9, 10, 11}}


def test_parse_quoted_non_ascii_path() -> None:
    text = '+++ "b/caf\\303\\251 dir/\\344\\275\\240.py"\n@@ -0,0 +1,2 @@\n+a\n+b\n'
    assert parse_unified_diff(text) == {"café dir/你.py": {1, 2}}


def test_staged_and_base_modes(repo) -> None:
    repo.write("a.py", "x = 1\ny = 2\nz = 3\n")
    repo.write("old.py", "q = 1\n")
    first = repo.commit()
    # Staged change: line 2 rewritten, line 4 added; old.py untouched.
    repo.write("a.py", "x = 1\ny = 20\nz = 3\nw = 4\n")
    repo.git("add", "a.py")
    repo.write("a.py", "x = 1\ny = 20\nz = 3\nw = 4\nunstaged = 5\n")  # not staged: not reviewed
    assert changed_lines(repo.path) == {"a.py": {2, 4}}
    # Against a base revision and the working tree, the unstaged line counts too.
    assert changed_lines(repo.path, base=first) == {"a.py": {2, 4, 5}}
    repo.commit()
    head = repo.git("rev-parse", "HEAD")
    assert changed_lines(repo.path, base=first, head=head) == {"a.py": {2, 4, 5}}
    assert changed_lines(repo.path, base=head, head=head) == {}


def test_rename_without_edit_has_no_lines_and_first_commit(repo) -> None:
    repo.write("m.py", "a = 1\nb = 2\nc = 3\nd = 4\n")
    repo.git("add", "-A")
    assert changed_lines(repo.path) == {"m.py": {1, 2, 3, 4}}  # no HEAD yet: all staged lines are new
    base = repo.commit()
    repo.git("mv", "m.py", "n.py")
    repo.commit()
    assert changed_lines(repo.path, base=base, head="HEAD") == {}  # pure rename: no new lines
