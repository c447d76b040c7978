"""Whole programs for the stdio contract suite: each reads ``n`` and then ``n`` integers from stdin.

The tests give ``3\\n1 2 3\\n`` (expected ``6``) and ``2\\n5 5\\n`` (expected ``10``). Every
case but ``good`` and ``eof`` must fail; ``slow_first`` loops only on the first input, so
the second one shows that each test has its own time limit. ``forge_channel`` (C++) tries
the supervisor's result channel through /proc and prints a wrong answer: it must not pass.
"""

from __future__ import annotations

CPP_HEAD = "#include <iostream>\n#include <cstdlib>\n#include <csignal>\nusing namespace std;\n"
CPP_READ = "int main() {\n  long long n, s = 0, x;\n  cin >> n;\n  for (long long i = 0; i < n; i++) { cin >> x; s += x; }\n"
CPP = {
    "good": CPP_HEAD + CPP_READ + "  cout << s << endl;\n}\n",
    "wrong": CPP_HEAD + CPP_READ + "  cout << s + 1 << endl;\n}\n",
    "slow_first": CPP_HEAD
    + CPP_READ
    + "  volatile long long k = 0;\n  while (n == 3) k++;\n  cout << s << endl;\n}\n",
    "exit3": CPP_HEAD + CPP_READ + "  cout << s << endl;\n  return 3;\n}\n",
    "crash": CPP_HEAD + CPP_READ + "  cout << s << endl;\n  cout.flush();\n  raise(SIGSEGV);\n}\n",
    "flood": CPP_HEAD + CPP_READ + "  for (;;) cout << s << '\\n';\n}\n",
    "eof": CPP_HEAD + "int main() {\n  long long n, s = 0, x;\n  cin >> n;\n  while (cin >> x) s += x;\n"
    "  cin >> x;\n  cout << s << endl;\n}\n",
    "fake_records": CPP_HEAD + CPP_READ + '  cout << "{\\"id\\":\\"0\\",\\"value\\":\\"6\\\\n\\"}" << endl;\n'
    '  cerr << "{\\"id\\":\\"1\\",\\"value\\":\\"10\\\\n\\"}" << endl;\n}\n',
    "forge_channel": (
        "#include <cstdio>\n#include <cstring>\n#include <fcntl.h>\n#include <unistd.h>\n"
        'int main() {\n  char path[64];\n  snprintf(path, sizeof path, "/proc/%d/fd/1", getppid());\n'
        "  int fd = open(path, O_WRONLY);\n"
        '  const char* r = "{\\"id\\":\\"0\\",\\"value\\":\\"6\\\\n\\",\\"dur\\":0}\\n'
        '{\\"id\\":\\"1\\",\\"value\\":\\"10\\\\n\\",\\"dur\\":0}\\n";\n'
        '  if (fd >= 0) write(fd, r, strlen(r));\n  printf("0\\n");\n}\n'
    ),
    "compile_error": CPP_HEAD + "int main() { cout << undefined_name; }\n",
}

JS_READ = (
    "const d = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
    "const n = d[0];\nlet s = 0;\nfor (let i = 1; i <= n; i++) s += d[i];\n"
)
JS = {
    "good": JS_READ + "console.log(s);\n",
    "wrong": JS_READ + "console.log(s + 1);\n",
    "slow_first": JS_READ + "while (n === 3) {}\nconsole.log(s);\n",
    "exit3": JS_READ + "console.log(s);\nprocess.exitCode = 3;\n",
    "crash": JS_READ + "console.log(s);\nprocess.kill(process.pid, 'SIGSEGV');\n",
    # One big write: Node writes to a pipe asynchronously, so an endless write loop never yields to
    # flush anything and ends as a timeout instead (still a failure).
    "flood": JS_READ + "process.stdout.write((String(s) + '\\n').repeat(4000000));\n",
    "eof": "const d = require('fs').readFileSync(0, 'utf8').split(/\\s+/).filter(Boolean).map(Number);\n"
    "let s = 0;\nfor (let i = 1; i < d.length; i++) s += d[i];\n"
    "const more = require('fs').readFileSync(0, 'utf8');\nconsole.log(s + more.length);\n",
    "fake_records": JS_READ + 'console.log(\'{"id":"0","value":"6\\\\n"}\');\n'
    'console.error(\'{"id":"1","value":"10\\\\n"}\');\n',
    "compile_error": "const x = ;\n",
}

JAVA_HEAD = "import java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n"
JAVA_READ = (
    "        Scanner in = new Scanner(System.in);\n        int n = in.nextInt();\n        long s = 0;\n"
    "        for (int i = 0; i < n; i++) s += in.nextLong();\n"
)
JAVA = {
    "good": JAVA_HEAD + JAVA_READ + "        System.out.println(s);\n    }\n}\n",
    "wrong": JAVA_HEAD + JAVA_READ + "        System.out.println(s + 1);\n    }\n}\n",
    "slow_first": JAVA_HEAD + JAVA_READ + "        long k = 0;\n        while (n == 3) k++;\n"
    "        System.out.println(s + k * 0);\n    }\n}\n",
    "exit3": JAVA_HEAD + JAVA_READ + "        System.out.println(s);\n        System.exit(3);\n    }\n}\n",
    "crash": JAVA_HEAD + JAVA_READ + "        System.out.println(s);\n"
    '        throw new IllegalStateException("boom");\n    }\n}\n',
    "flood": JAVA_HEAD + JAVA_READ + "        while (true) System.out.println(s);\n    }\n}\n",
    "eof": JAVA_HEAD + "        Scanner in = new Scanner(System.in);\n        int n = in.nextInt();\n"
    "        long s = 0;\n        while (in.hasNextLong()) s += in.nextLong();\n"
    "        System.out.println(s);\n    }\n}\n",
    "fake_records": JAVA_HEAD
    + JAVA_READ
    + '        System.out.println("{\\"id\\":\\"0\\",\\"value\\":\\"6\\\\n\\"}");\n'
    "    }\n}\n",
    "compile_error": JAVA_HEAD + "        int x = undefinedName;\n    }\n}\n",
}

GO_HEAD = (
    'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"syscall"\n)\n\nvar _ = os.Exit\nvar _ = syscall.Getpid\n\n'
)
GO_READ = "func main() {\n\tvar n, s, x int\n\tfmt.Scan(&n)\n\tfor i := 0; i < n; i++ {\n\t\tfmt.Scan(&x)\n\t\ts += x\n\t}\n"
GO = {
    "good": GO_HEAD + GO_READ + "\tfmt.Println(s)\n}\n",
    "wrong": GO_HEAD + GO_READ + "\tfmt.Println(s + 1)\n}\n",
    "slow_first": GO_HEAD + GO_READ + "\tk := 0\n\tfor n == 3 {\n\t\tk++\n\t}\n\tfmt.Println(s + k*0)\n}\n",
    "exit3": GO_HEAD + GO_READ + "\tfmt.Println(s)\n\tos.Exit(3)\n}\n",
    "crash": GO_HEAD + GO_READ + "\tfmt.Println(s)\n\tsyscall.Kill(syscall.Getpid(), syscall.SIGKILL)\n"
    "\tselect {}\n}\n",
    "flood": GO_HEAD + GO_READ + "\tfor {\n\t\tfmt.Println(s)\n\t}\n}\n",
    "eof": GO_HEAD + "func main() {\n\tvar n, s, x int\n\tfmt.Scan(&n)\n\tfor {\n"
    "\t\tif _, err := fmt.Scan(&x); err != nil {\n\t\t\tbreak\n\t\t}\n\t\ts += x\n\t}\n"
    "\tfmt.Scan(&x)\n\tfmt.Println(s)\n}\n",
    "fake_records": GO_HEAD + GO_READ + '\tfmt.Println(`{"id":"0","value":"6\\n"}`)\n}\n',
    "compile_error": GO_HEAD + "func main() {\n\tfmt.Println(undefinedName)\n}\n",
}

RUST_READ = (
    "use std::io::Read;\n\nfn main() {\n    let mut text = String::new();\n"
    "    std::io::stdin().read_to_string(&mut text).unwrap();\n"
    "    let v: Vec<i64> = text.split_whitespace().map(|t| t.parse().unwrap()).collect();\n"
    "    let n = v[0] as usize;\n    let s: i64 = v[1..=n].iter().sum();\n"
)
RUST = {
    "good": RUST_READ + '    println!("{}", s);\n}\n',
    "wrong": RUST_READ + '    println!("{}", s + 1);\n}\n',
    "slow_first": RUST_READ
    + "    let mut k: u64 = 0;\n    while n == 3 {\n        k = unsafe { std::ptr::read_volatile(&k) } + 1;\n"
    '    }\n    println!("{}", s + (k as i64) * 0);\n}\n',
    "exit3": RUST_READ + '    println!("{}", s);\n    std::process::exit(3);\n}\n',
    "crash": RUST_READ + '    println!("{}", s);\n    std::process::abort();\n}\n',
    "flood": RUST_READ + '    loop {\n        println!("{}", s);\n    }\n}\n',
    "eof": (
        "use std::io::Read;\n\nfn main() {\n    let mut text = String::new();\n"
        "    std::io::stdin().read_to_string(&mut text).unwrap();\n    let mut more = String::new();\n"
        "    std::io::stdin().read_to_string(&mut more).unwrap();\n"
        "    let v: Vec<i64> = text.split_whitespace().map(|t| t.parse().unwrap()).collect();\n"
        '    let s: i64 = v[1..].iter().sum();\n    println!("{}", s + more.len() as i64);\n}\n'
    ),
    "fake_records": RUST_READ + '    println!("{{\\"id\\":\\"0\\",\\"value\\":\\"6\\\\n\\"}}");\n}\n',
    "compile_error": 'fn main() {\n    println!("{}", undefined_name);\n}\n',
}

PROGRAMS = {"cpp": CPP, "js": JS, "java": JAVA, "go": GO, "rust": RUST}
INPUTS = [("3\n1 2 3\n", "6\n"), ("2\n5 5\n", "10\n")]
