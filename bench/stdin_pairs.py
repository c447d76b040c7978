"""The grounded judge on competitive-programming pairs: whole programs that read stdin, five languages.

    python bench/stdin_pairs.py                      # every language, bwrap
    python bench/stdin_pairs.py --languages cpp,go --backend docker

A hand-written dev set, not a public benchmark: no public pair set ships stdin programs in
JavaScript, C++, Java, Go and Rust with labels (HumanEvalPack has no stdin tasks), so these seven
tasks were written for codejudge's tests (issue 10), each with a correct program and a buggy one
in every language. The bugs are ones such answers commonly have; which evidence can catch them
was known when they were written, so the figures show what each kind of evidence does on such
pairs, not an unbiased accuracy:

- caught by the statement's samples: ``two_largest`` (max taken twice), ``reverse_words``
  (reverses the characters), ``divisible`` (off by one at the left end), ``multi_case``
  (answers only the first test case);
- agree on the samples, crash on a valid generated input: ``distinct`` (a table sized for the
  samples' values);
- agree on the samples and on almost every input like them: ``max_subarray`` (wrong only when
  every element is negative), ``gcd`` (subtraction loop: right, only slow on large inputs):
  nothing arbitrates a disagreement, so a tie is the honest answer.

Each pair is judged in both orders with the default grounded judge (no LLM). Reported per
language: pairs, decided (same winner in both orders), correct, ties, accuracy (ties 0.5),
seconds per pair, what decided.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codejudge.judge.grounded import GroundedJudge  # noqa: E402
from codejudge.sandbox import get_executor  # noqa: E402

TASKS = {
    "two_largest": (
        "You are given n integers. Print the largest sum of two different elements.\n\n"
        "Input\nThe first line contains n (2 <= n <= 100). The second line contains n integers a_i "
        "(-1000 <= a_i <= 1000).\n\nOutput\nPrint one integer: the largest a_i + a_j with i != j.\n\n"
        "Sample Input 1\n3\n1 5 3\n\nSample Output 1\n8\n\nSample Input 2\n4\n-1 -2 -3 -4\n\nSample Output 2\n-3\n"
    ),
    "distinct": (
        "Count the distinct values among n integers.\n\nInput\nThe first line contains n. The second line "
        "contains n integers 0 <= a_i <= 10^9.\n\nOutput\nThe number of distinct values.\n\n"
        "Sample Input 1\n5\n1 2 2 3 3\n\nSample Output 1\n3\n\nSample Input 2\n3\n7 7 7\n\nSample Output 2\n1\n"
    ),
    "reverse_words": (
        "Reverse the order of the words of a line (words are separated by single spaces).\n\n"
        "Example 1\nInput: hello world\nOutput: world hello\n\nExample 2\nInput: a b c\nOutput: c b a\n"
    ),
    "divisible": (
        "Given a, b and k (1 <= a <= b <= 10^9, 1 <= k <= 10^9), print how many integers x with "
        "a <= x <= b are divisible by k.\n\nSample Input\n1 10 3\n\nSample Output\n3\n\n"
        "Sample Input 2\n6 12 3\n\nSample Output 2\n3\n"
    ),
    "multi_case": (
        "The first line holds T, the number of test cases. Each of the next T lines holds two integers a "
        "and b. For each test case print a + b on its own line.\n\nSample Input 1\n2\n1 2\n3 4\n\n"
        "Sample Output 1\n3\n7\n\nSample Input 2\n1\n5 5\n\nSample Output 2\n10\n"
    ),
    "max_subarray": (
        "Print the largest sum of a non-empty contiguous subarray of n integers (|a_i| <= 10^4).\n\n"
        "Sample Input 1\n5\n1 -2 3 4 -1\n\nSample Output 1\n7\n\nSample Input 2\n3\n2 -1 2\n\nSample Output 2\n3\n"
    ),
    "gcd": (
        "Print the greatest common divisor of two positive integers a and b (a, b <= 10^18).\n\n"
        "Sample Input 1\n12 18\n\nSample Output 1\n6\n\nSample Input 2\n7 7\n\nSample Output 2\n7\n"
    ),
}
# what can catch each bug (see the module doc)
EXPECTED = {
    "two_largest": "statement",
    "distinct": "property",
    "reverse_words": "statement",
    "divisible": "statement",
    "multi_case": "statement",
    "max_subarray": "tie",
    "gcd": "tie",
}

_CPP = "#include <bits/stdc++.h>\nusing namespace std;\n"
CPP = {
    "two_largest": (
        _CPP + "int main() {\n    int n; cin >> n;\n    vector<int> a(n);\n    for (auto &x : a) cin >> x;\n"
        "    sort(a.rbegin(), a.rend());\n    cout << a[0] + a[1] << endl;\n}\n",
        _CPP + "int main() {\n    int n; cin >> n;\n    int m = 0;\n"
        "    for (int i = 0; i < n; i++) { int x; cin >> x; m = max(m, x); }\n    cout << 2 * m << endl;\n}\n",
    ),
    "distinct": (
        _CPP + "int main() {\n    int n; cin >> n;\n    set<long long> s;\n"
        "    for (int i = 0; i < n; i++) { long long x; cin >> x; s.insert(x); }\n    cout << s.size() << endl;\n}\n",
        _CPP + "int main() {\n    int n; cin >> n;\n    vector<int> seen(10, 0);\n    int count = 0;\n"
        "    for (int i = 0; i < n; i++) { int x; cin >> x; if (seen.at(x)++ == 0) count++; }\n"
        "    cout << count << endl;\n}\n",
    ),
    "reverse_words": (
        _CPP + "int main() {\n    vector<string> w; string s;\n    while (cin >> s) w.push_back(s);\n"
        '    reverse(w.begin(), w.end());\n    for (size_t i = 0; i < w.size(); i++) cout << (i ? " " : "") << w[i];\n'
        "    cout << endl;\n}\n",
        _CPP + "int main() {\n    string s; getline(cin, s);\n    reverse(s.begin(), s.end());\n"
        "    cout << s << endl;\n}\n",
    ),
    "divisible": (
        _CPP
        + "int main() {\n    long long a, b, k; cin >> a >> b >> k;\n    cout << b / k - (a - 1) / k << endl;\n}\n",
        _CPP
        + "int main() {\n    long long a, b, k; cin >> a >> b >> k;\n    cout << b / k - a / k << endl;\n}\n",
    ),
    "multi_case": (
        _CPP
        + "int main() {\n    int t; cin >> t;\n    while (t--) { long long a, b; cin >> a >> b; cout << a + b << '\\n'; }\n}\n",
        _CPP
        + "int main() {\n    int t; cin >> t;\n    long long a, b; cin >> a >> b;\n    cout << a + b << endl;\n}\n",
    ),
    "max_subarray": (
        _CPP + "int main() {\n    int n; cin >> n;\n    long long best = LLONG_MIN, cur = 0;\n"
        "    for (int i = 0; i < n; i++) { long long x; cin >> x; cur = max(x, cur + x); best = max(best, cur); }\n"
        "    cout << best << endl;\n}\n",
        _CPP + "int main() {\n    int n; cin >> n;\n    long long best = 0, cur = 0;\n"
        "    for (int i = 0; i < n; i++) { long long x; cin >> x; cur = max(0LL, cur + x); best = max(best, cur); }\n"
        "    cout << best << endl;\n}\n",
    ),
    "gcd": (
        _CPP
        + "int main() {\n    long long a, b; cin >> a >> b;\n    while (b) { long long t = a % b; a = b; b = t; }\n"
        "    cout << a << endl;\n}\n",
        _CPP
        + "int main() {\n    long long a, b; cin >> a >> b;\n    while (a != b) { if (a > b) a -= b; else b -= a; }\n"
        "    cout << a << endl;\n}\n",
    ),
}

_JS = "const t = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean);\nconst v = t.map(Number);\n"
JS = {
    "two_largest": (
        _JS + "const a = v.slice(1, 1 + v[0]).sort((x, y) => y - x);\nconsole.log(a[0] + a[1]);\n",
        _JS + "let m = 0;\nfor (const x of v.slice(1, 1 + v[0])) m = Math.max(m, x);\nconsole.log(2 * m);\n",
    ),
    "distinct": (
        _JS + "console.log(new Set(v.slice(1, 1 + v[0])).size);\n",
        _JS + "const seen = Array.from({ length: 10 }, () => ({ n: 0 }));\nlet count = 0;\n"
        "for (const x of v.slice(1, 1 + v[0])) { if (seen[x].n++ === 0) count++; }\nconsole.log(count);\n",
    ),
    "reverse_words": (
        _JS + "console.log(t.reverse().join(' '));\n",
        "const s = require('fs').readFileSync(0, 'utf8').trim();\nconsole.log(s.split('').reverse().join(''));\n",
    ),
    "divisible": (
        _JS + "const [a, b, k] = v;\nconsole.log(Math.floor(b / k) - Math.floor((a - 1) / k));\n",
        _JS + "const [a, b, k] = v;\nconsole.log(Math.floor(b / k) - Math.floor(a / k));\n",
    ),
    "multi_case": (
        _JS + "const out = [];\nfor (let i = 0; i < v[0]; i++) out.push(v[1 + 2 * i] + v[2 + 2 * i]);\n"
        "console.log(out.join('\\n'));\n",
        _JS + "console.log(v[1] + v[2]);\n",
    ),
    "max_subarray": (
        _JS + "let best = -Infinity, cur = 0;\n"
        "for (const x of v.slice(1, 1 + v[0])) { cur = Math.max(x, cur + x); best = Math.max(best, cur); }\n"
        "console.log(best);\n",
        _JS + "let best = 0, cur = 0;\n"
        "for (const x of v.slice(1, 1 + v[0])) { cur = Math.max(0, cur + x); best = Math.max(best, cur); }\n"
        "console.log(best);\n",
    ),
    "gcd": (
        _JS
        + "let a = BigInt(t[0]), b = BigInt(t[1]);\nwhile (b) { [a, b] = [b, a % b]; }\nconsole.log(a.toString());\n",
        _JS + "let [a, b] = v;\nwhile (a !== b) { if (a > b) a -= b; else b -= a; }\nconsole.log(a);\n",
    ),
}

_JAVA = "import java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n"
_JEND = "    }\n}\n"
JAVA = {
    "two_largest": (
        _JAVA + "        int n = in.nextInt();\n        int[] a = new int[n];\n"
        "        for (int i = 0; i < n; i++) a[i] = in.nextInt();\n        Arrays.sort(a);\n"
        "        System.out.println(a[n - 1] + a[n - 2]);\n" + _JEND,
        _JAVA + "        int n = in.nextInt();\n        int m = 0;\n"
        "        for (int i = 0; i < n; i++) m = Math.max(m, in.nextInt());\n        System.out.println(2 * m);\n"
        + _JEND,
    ),
    "distinct": (
        _JAVA + "        int n = in.nextInt();\n        Set<Long> s = new HashSet<>();\n"
        "        for (int i = 0; i < n; i++) s.add(in.nextLong());\n        System.out.println(s.size());\n"
        + _JEND,
        _JAVA
        + "        int n = in.nextInt();\n        boolean[] seen = new boolean[10];\n        int count = 0;\n"
        "        for (int i = 0; i < n; i++) { int x = in.nextInt(); if (!seen[x]) { seen[x] = true; count++; } }\n"
        "        System.out.println(count);\n" + _JEND,
    ),
    "reverse_words": (
        _JAVA
        + "        List<String> w = new ArrayList<>();\n        while (in.hasNext()) w.add(in.next());\n"
        '        Collections.reverse(w);\n        System.out.println(String.join(" ", w));\n' + _JEND,
        _JAVA
        + "        String s = in.nextLine();\n        System.out.println(new StringBuilder(s).reverse());\n"
        + _JEND,
    ),
    "divisible": (
        _JAVA + "        long a = in.nextLong(), b = in.nextLong(), k = in.nextLong();\n"
        "        System.out.println(b / k - (a - 1) / k);\n" + _JEND,
        _JAVA + "        long a = in.nextLong(), b = in.nextLong(), k = in.nextLong();\n"
        "        System.out.println(b / k - a / k);\n" + _JEND,
    ),
    "multi_case": (
        _JAVA + "        int t = in.nextInt();\n        StringBuilder sb = new StringBuilder();\n"
        '        for (int i = 0; i < t; i++) sb.append(in.nextLong() + in.nextLong()).append("\\n");\n'
        "        System.out.print(sb);\n" + _JEND,
        _JAVA
        + "        int t = in.nextInt();\n        System.out.println(in.nextLong() + in.nextLong());\n"
        + _JEND,
    ),
    "max_subarray": (
        _JAVA + "        int n = in.nextInt();\n        long best = Long.MIN_VALUE, cur = 0;\n"
        "        for (int i = 0; i < n; i++) { long x = in.nextLong(); cur = Math.max(x, cur + x); best = Math.max(best, cur); }\n"
        "        System.out.println(best);\n" + _JEND,
        _JAVA + "        int n = in.nextInt();\n        long best = 0, cur = 0;\n"
        "        for (int i = 0; i < n; i++) { long x = in.nextLong(); cur = Math.max(0, cur + x); best = Math.max(best, cur); }\n"
        "        System.out.println(best);\n" + _JEND,
    ),
    "gcd": (
        _JAVA + "        long a = in.nextLong(), b = in.nextLong();\n"
        "        while (b != 0) { long t = a % b; a = b; b = t; }\n        System.out.println(a);\n" + _JEND,
        _JAVA + "        long a = in.nextLong(), b = in.nextLong();\n"
        "        while (a != b) { if (a > b) a -= b; else b -= a; }\n        System.out.println(a);\n"
        + _JEND,
    ),
}

_GO = 'package main\n\nimport "fmt"\n\n'
GO = {
    "two_largest": (
        'package main\n\nimport (\n\t"fmt"\n\t"sort"\n)\n\nfunc main() {\n\tvar n int\n\tfmt.Scan(&n)\n'
        "\ta := make([]int, n)\n\tfor i := range a {\n\t\tfmt.Scan(&a[i])\n\t}\n\tsort.Ints(a)\n"
        "\tfmt.Println(a[n-1] + a[n-2])\n}\n",
        _GO
        + "func main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tm := 0\n\tfor i := 0; i < n; i++ {\n\t\tvar x int\n"
        "\t\tfmt.Scan(&x)\n\t\tif x > m {\n\t\t\tm = x\n\t\t}\n\t}\n\tfmt.Println(2 * m)\n}\n",
    ),
    "distinct": (
        _GO + "func main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tseen := map[int64]bool{}\n"
        "\tfor i := 0; i < n; i++ {\n\t\tvar x int64\n\t\tfmt.Scan(&x)\n\t\tseen[x] = true\n\t}\n\tfmt.Println(len(seen))\n}\n",
        _GO + "func main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tseen := make([]bool, 10)\n\tcount := 0\n"
        "\tfor i := 0; i < n; i++ {\n\t\tvar x int\n\t\tfmt.Scan(&x)\n\t\tif !seen[x] {\n\t\t\tseen[x] = true\n"
        "\t\t\tcount++\n\t\t}\n\t}\n\tfmt.Println(count)\n}\n",
    ),
    "reverse_words": (
        'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n'
        "\tline, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\n\tw := strings.Fields(line)\n"
        "\tfor i, j := 0, len(w)-1; i < j; i, j = i+1, j-1 {\n\t\tw[i], w[j] = w[j], w[i]\n\t}\n"
        '\tfmt.Println(strings.Join(w, " "))\n}\n',
        'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n'
        "\tline, _ := bufio.NewReader(os.Stdin).ReadString('\\n')\n\tr := []rune(strings.TrimSpace(line))\n"
        "\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {\n\t\tr[i], r[j] = r[j], r[i]\n\t}\n"
        "\tfmt.Println(string(r))\n}\n",
    ),
    "divisible": (
        _GO + "func main() {\n\tvar a, b, k int64\n\tfmt.Scan(&a, &b, &k)\n\tfmt.Println(b/k - (a-1)/k)\n}\n",
        _GO + "func main() {\n\tvar a, b, k int64\n\tfmt.Scan(&a, &b, &k)\n\tfmt.Println(b/k - a/k)\n}\n",
    ),
    "multi_case": (
        _GO + "func main() {\n\tvar t int\n\tfmt.Scan(&t)\n\tfor ; t > 0; t-- {\n\t\tvar a, b int64\n"
        "\t\tfmt.Scan(&a, &b)\n\t\tfmt.Println(a + b)\n\t}\n}\n",
        _GO
        + "func main() {\n\tvar t int\n\tvar a, b int64\n\tfmt.Scan(&t, &a, &b)\n\tfmt.Println(a + b)\n}\n",
    ),
    "max_subarray": (
        _GO + "func main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tvar best, cur int64 = -1 << 62, 0\n"
        "\tfor i := 0; i < n; i++ {\n\t\tvar x int64\n\t\tfmt.Scan(&x)\n\t\tif cur+x > x {\n\t\t\tcur += x\n"
        "\t\t} else {\n\t\t\tcur = x\n\t\t}\n\t\tif cur > best {\n\t\t\tbest = cur\n\t\t}\n\t}\n\tfmt.Println(best)\n}\n",
        _GO + "func main() {\n\tvar n int\n\tfmt.Scan(&n)\n\tvar best, cur int64\n"
        "\tfor i := 0; i < n; i++ {\n\t\tvar x int64\n\t\tfmt.Scan(&x)\n\t\tcur += x\n\t\tif cur < 0 {\n\t\t\tcur = 0\n"
        "\t\t}\n\t\tif cur > best {\n\t\t\tbest = cur\n\t\t}\n\t}\n\tfmt.Println(best)\n}\n",
    ),
    "gcd": (
        _GO + "func main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfor b != 0 {\n\t\ta, b = b, a%b\n\t}\n"
        "\tfmt.Println(a)\n}\n",
        _GO
        + "func main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfor a != b {\n\t\tif a > b {\n\t\t\ta -= b\n"
        "\t\t} else {\n\t\t\tb -= a\n\t\t}\n\t}\n\tfmt.Println(a)\n}\n",
    ),
}

_RS = (
    "use std::io::Read;\n\nfn main() {\n    let mut s = String::new();\n"
    "    std::io::stdin().read_to_string(&mut s).unwrap();\n"
    "    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n"
)
RUST = {
    "two_largest": (
        _RS + "    let n = v[0] as usize;\n    let mut a = v[1..=n].to_vec();\n    a.sort();\n"
        '    println!("{}", a[n - 1] + a[n - 2]);\n}\n',
        _RS + "    let n = v[0] as usize;\n    let m = v[1..=n].iter().fold(0, |m, &x| m.max(x));\n"
        '    println!("{}", 2 * m);\n}\n',
    ),
    "distinct": (
        _RS
        + "    let n = v[0] as usize;\n    let s: std::collections::HashSet<i64> = v[1..=n].iter().cloned().collect();\n"
        '    println!("{}", s.len());\n}\n',
        _RS + "    let n = v[0] as usize;\n    let mut seen = vec![false; 10];\n    let mut count = 0;\n"
        "    for &x in &v[1..=n] {\n        if !seen[x as usize] {\n            seen[x as usize] = true;\n"
        '            count += 1;\n        }\n    }\n    println!("{}", count);\n}\n',
    ),
    "reverse_words": (
        "use std::io::Read;\n\nfn main() {\n    let mut s = String::new();\n"
        "    std::io::stdin().read_to_string(&mut s).unwrap();\n"
        '    let w: Vec<&str> = s.split_whitespace().rev().collect();\n    println!("{}", w.join(" "));\n}\n',
        "fn main() {\n    let mut s = String::new();\n    std::io::stdin().read_line(&mut s).unwrap();\n"
        '    let r: String = s.trim().chars().rev().collect();\n    println!("{}", r);\n}\n',
    ),
    "divisible": (
        _RS + '    let (a, b, k) = (v[0], v[1], v[2]);\n    println!("{}", b / k - (a - 1) / k);\n}\n',
        _RS + '    let (a, b, k) = (v[0], v[1], v[2]);\n    println!("{}", b / k - a / k);\n}\n',
    ),
    "multi_case": (
        _RS + "    let t = v[0] as usize;\n"
        '    for i in 0..t {\n        println!("{}", v[1 + 2 * i] + v[2 + 2 * i]);\n    }\n}\n',
        _RS + '    println!("{}", v[1] + v[2]);\n}\n',
    ),
    "max_subarray": (
        _RS + "    let n = v[0] as usize;\n    let (mut best, mut cur) = (i64::MIN, 0i64);\n"
        "    for &x in &v[1..=n] {\n        cur = x.max(cur + x);\n        best = best.max(cur);\n    }\n"
        '    println!("{}", best);\n}\n',
        _RS + "    let n = v[0] as usize;\n    let (mut best, mut cur) = (0i64, 0i64);\n"
        "    for &x in &v[1..=n] {\n        cur = (cur + x).max(0);\n        best = best.max(cur);\n    }\n"
        '    println!("{}", best);\n}\n',
    ),
    "gcd": (
        _RS
        + "    let (mut a, mut b) = (v[0], v[1]);\n    while b != 0 {\n        let t = a % b;\n        a = b;\n"
        '        b = t;\n    }\n    println!("{}", a);\n}\n',
        _RS
        + "    let (mut a, mut b) = (v[0], v[1]);\n    while a != b {\n        if a > b {\n            a -= b;\n"
        '        } else {\n            b -= a;\n        }\n    }\n    println!("{}", a);\n}\n',
    ),
}

PROGRAMS = {"cpp": CPP, "js": JS, "java": JAVA, "go": GO, "rust": RUST}
FENCE = {"cpp": "cpp", "js": "javascript", "java": "java", "go": "go", "rust": "rust"}
PROSE = [
    (
        "Here is a solution:\n\n```{f}\n{code}```\n",
        "Read the input and print the answer:\n```{f}\n{code}```\nIt runs in linear time.",
    ),
    (
        "```{f}\n{code}```",
        "Sure! This program solves it.\n\n```{f}\n{code}```\n\nLet me know if you need more.",
    ),
]


def answers(language: str, task: str) -> tuple[str, str]:
    """(correct, buggy) answers as chat text (prose around a fenced block)."""
    good, bad = PROGRAMS[language][task]
    a, b = PROSE[len(task) % 2]
    return a.format(f=FENCE[language], code=good), b.format(f=FENCE[language], code=bad)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--languages", default=",".join(PROGRAMS))
    ap.add_argument("--tasks", default=",".join(TASKS))
    ap.add_argument("--backend", default="bwrap")
    ap.add_argument("--report", help="write the figures as JSON here")
    args = ap.parse_args()
    executor = get_executor(args.backend)
    judge = GroundedJudge(executor)
    report: dict = {}
    for lang in args.languages.split(","):
        rows = []
        for task in args.tasks.split(","):
            good, bad = answers(lang, task)
            t0 = time.perf_counter()
            v1 = judge.pairwise(TASKS[task], good, bad, language=lang)  # the correct one is A
            v2 = judge.pairwise(TASKS[task], bad, good, language=lang)  # ... then B
            secs = time.perf_counter() - t0
            score = sum(0.5 if v.winner == "tie" else float(v.winner == w) for v, w in ((v1, "A"), (v2, "B")))
            decided = v1.winner == "A" and v2.winner == "B" or v1.winner == "B" and v2.winner == "A"
            rows.append(
                {
                    "task": task,
                    "winners": [v1.winner, v2.winner],
                    "decided_by": [v1.decided_by, v2.decided_by],
                    "expected": EXPECTED[task],
                    "score": score / 2,
                    "decided": decided,
                    "seconds": round(secs, 1),
                }
            )
            print(json.dumps({"language": lang, **rows[-1]}), flush=True)
        n = len(rows)
        report[lang] = {
            "pairs": n,
            "decided": sum(r["decided"] for r in rows),
            "correct": sum(r["decided"] and r["winners"][0] == "A" for r in rows),
            "ties": sum(r["winners"] == ["tie", "tie"] for r in rows),
            "accuracy": round(sum(r["score"] for r in rows) / n, 3),
            "seconds_per_pair": round(sum(r["seconds"] for r in rows) / n, 1),
            "decided_by": dict(Counter(d for r in rows for d in r["decided_by"])),
        }
    print()
    print(
        f"{'language':<9}{'pairs':>6}{'decided':>9}{'correct':>9}{'ties':>6}{'acc':>7}{'s/pair':>8}  decided by"
    )
    for lang, r in report.items():
        print(
            f"{lang:<9}{r['pairs']:>6}{r['decided']:>9}{r['correct']:>9}{r['ties']:>6}{r['accuracy']:>7.3f}"
            f"{r['seconds_per_pair']:>8.1f}  {r['decided_by']}"
        )
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
