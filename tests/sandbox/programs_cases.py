"""Candidates for the program contract suite, in each compiled/interpreted language.

Every candidate defines ``f(a, b)`` (``F`` in Go, ``s.f`` in Java). The test programs
(HumanEvalPack style) check ``f(1, 2) == 3`` and ``f(2, 2) == 4``. "Escape" cases return
the right answer only when they got out: reading a host secret, writing outside the work
dir, reaching the network, forging the result channel. So *none may pass*.

``{secret_file}``, ``{port}`` are filled in by the tests.
"""

from __future__ import annotations

TEST_PROGRAMS = {
    "cpp": "#undef NDEBUG\n#include<assert.h>\nint main(){\n    assert (f(1, 2) == 3);\n    assert (f(2, 2) == 4);\n}\n",
    "js": "const testF = () => {\n  console.assert(f(1, 2) === 3)\n  console.assert(f(2, 2) === 4)\n}\n\ntestF()\n",
    "java": (
        "import java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n"
        "        Solution s = new Solution();\n        List<Boolean> correct = Arrays.asList(\n"
        "                s.f(1, 2) == 3,\n                s.f(2, 2) == 4\n        );\n"
        "        if (correct.contains(false)) {\n            throw new AssertionError();\n        }\n    }\n}\n"
    ),
    "go": (
        'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n\n'
        "func TestF(t *testing.T) {\n    assert := assert.New(t)\n    assert.Equal(3, F(1, 2))\n"
        "    assert.Equal(4, F(2, 2))\n}\n"
    ),
    "rust": (
        "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn test_f() {\n"
        "        assert_eq!(f(1, 2), 3);\n        assert_eq!(f(2, 2), 4);\n    }\n}\n"
    ),
}

# The same checks where the conversion cannot follow (inside a loop): they run by exit status.
LOOP_PROGRAMS = {
    "cpp": (
        "#undef NDEBUG\n#include<assert.h>\nint main(){\n    for (int i = 1; i <= 2; i++)\n"
        "        assert (f(i, 2) == i + 2);\n}\n"
    ),
    "js": "const testF = () => {\n  for (let i = 1; i <= 2; i++) {\n    console.assert(f(i, 2) === i + 2)\n  }\n}\n\ntestF()\n",
    "java": (
        "import java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n"
        "        Solution s = new Solution();\n        for (int i = 1; i <= 2; i++) {\n"
        "            if (s.f(i, 2) != i + 2) throw new AssertionError();\n        }\n    }\n}\n"
    ),
    "go": (
        'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n\n'
        "func TestF(t *testing.T) {\n    assert := assert.New(t)\n    for i := 1; i <= 2; i++ {\n"
        "        assert.Equal(i+2, F(i, 2))\n    }\n}\n"
    ),
    "rust": (
        "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn test_f() {\n"
        "        for i in 1..3 {\n            assert_eq!(f(i, 2), i + 2);\n        }\n    }\n}\n"
    ),
}

CPP = {
    "good": "int f(int a, int b) { return a + b; }\n",
    "wrong": "int f(int a, int b) { return a - b; }\n",
    "throws": '#include <stdexcept>\nint f(int a, int b) { throw std::runtime_error("boom"); }\n',
    "exit0": "#include <cstdlib>\nint f(int a, int b) { exit(0); }\n",
    "segfault": "int f(int a, int b) { int* p = nullptr; return *p + a; }\n",
    "fake_stdout": (
        '#include <cstdio>\nint f(int a, int b) {\n  printf("{\\"id\\":\\"0\\",\\"value\\":3}\\n'
        '{\\"id\\":\\"1\\",\\"value\\":4}\\nPASS\\n"); fflush(stdout);\n  return a - b;\n}\n'
    ),
    "forge_fd3": (
        "#include <unistd.h>\n#include <cstring>\nint f(int a, int b) {\n"
        '  const char* s = "0123456789abcdef0123456789abcdef {\\"id\\":\\"0\\",\\"v\\":3}\\n";\n'
        "  write(3, s, strlen(s));\n  return a - b;\n}\n"
    ),
    "forge_channel": (
        "#include <cstdio>\n#include <fcntl.h>\n#include <unistd.h>\n#include <signal.h>\n#include <cstring>\n"
        'int f(int a, int b) {\n  char path[64];\n  snprintf(path, sizeof path, "/proc/%d/fd/1", getppid());\n'
        "  int fd = open(path, O_WRONLY);\n  if (fd < 0) return a - b;\n"
        '  const char* s = "{\\"id\\":\\"0\\",\\"value\\":3}\\n{\\"id\\":\\"1\\",\\"value\\":4}\\n";\n'
        "  write(fd, s, strlen(s));\n  kill(getppid(), SIGKILL);\n  return a - b;\n}\n"
    ),
    "loop": "int f(int a, int b) { volatile int x = 0; while (true) { x++; } return a + b; }\n",
    "memory": "#include <vector>\nint f(int a, int b) { std::vector<char> v(8L << 30, 1); return v[a] + b; }\n",
    "flood": (
        '#include <cstdio>\nint f(int a, int b) { for (int i = 0; i < 2000000; i++) printf("xxxxxxxx\\n");'
        " return a + b; }\n"
    ),
    "fork_bomb": (
        "#include <unistd.h>\nint f(int a, int b) { for (int i = 0; i < 100000; i++) fork(); return a - b; }\n"
    ),
    "env_secret": (
        '#include <cstdlib>\nint f(int a, int b) { return getenv("CODEJUDGE_TEST_SECRET") ? a + b : a - b; }\n'
    ),
    "host_file": (
        '#include <fstream>\nint f(int a, int b) { std::ifstream in("{secret_file}"); return in.good() ? a + b : a - b; }\n'
    ),
    "write_outside": (
        '#include <cstdio>\nint f(int a, int b) {\n  const char* paths[] = {"/usr/cj-escape", "/cj/cj-escape", '
        '"/cjlib/cj-escape", "/etc/cj-escape"};\n  for (const char* p : paths) { FILE* fh = fopen(p, "w"); '
        "if (fh) { fclose(fh); return a + b; } }\n  return a - b;\n}\n"
    ),
    "network": (
        "#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\n#include <unistd.h>\n"
        "int f(int a, int b) {\n  int s = socket(AF_INET, SOCK_STREAM, 0);\n  sockaddr_in addr{};\n"
        "  addr.sin_family = AF_INET;\n  addr.sin_port = htons({port});\n"
        '  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);\n'
        "  bool ok = s >= 0 && connect(s, (sockaddr*)&addr, sizeof addr) == 0;\n  return ok ? a + b : a - b;\n}\n"
    ),
    "compile_error": "int f(int a, int b) { return a + ; }\n",
}

JS = {
    "good": "const f = (a, b) => a + b;\n",
    "wrong": "const f = (a, b) => a - b;\n",
    "throws": "const f = (a, b) => { throw new Error('boom'); };\n",
    "exit0": "const f = (a, b) => { process.exit(0); };\n",
    "fake_stdout": (
        'const f = (a, b) => { console.log(\'{"id":"0","value":3}\'); '
        'process.stdout.write(\'{"id":"1","value":4}\\n\'); return a - b; };\n'
    ),
    "forge_fd3": (
        "const fs = require('fs');\nconst f = (a, b) => { "
        'fs.writeSync(3, \'0123456789abcdef0123456789abcdef {"id":"0","v":3}\\n\'); return a - b; };\n'
    ),
    "forge_channel": (
        "const fs = require('fs');\nconst f = (a, b) => {\n  try {\n"
        "    const fd = fs.openSync('/proc/' + process.ppid + '/fd/1', 'w');\n"
        '    fs.writeSync(fd, \'{"id":"0","value":3}\\n{"id":"1","value":4}\\n\');\n'
        "    process.kill(process.ppid, 'SIGKILL');\n  } catch (e) {}\n  return a - b;\n};\n"
    ),
    "loop": "const f = (a, b) => { for (;;) {} };\n",
    "memory": "const f = (a, b) => { const xs = []; for (;;) xs.push(new Array(1e6).fill(a)); };\n",
    "flood": "const f = (a, b) => { for (let i = 0; i < 200000; i++) console.log('x'.repeat(100)); return a + b; };\n",
    # Returns first and floods from a timer: the flood reaches polyrun after the test's record.
    "flood_after_return": (
        "const f = (a, b) => { setTimeout(() => { for (let i = 0; i < 200000; i++) "
        "console.log('x'.repeat(100)); }, 0); return a + b; };\n"
    ),
    "env_secret": "const f = (a, b) => process.env.CODEJUDGE_TEST_SECRET ? a + b : a - b;\n",
    "host_file": (
        "const fs = require('fs');\nconst f = (a, b) => { try { fs.readFileSync('{secret_file}'); "
        "return a + b; } catch (e) { return a - b; } };\n"
    ),
    "write_outside": (
        "const fs = require('fs');\nconst f = (a, b) => { for (const p of ['/usr/cj-escape', "
        "'/cj/cj-escape', '/cjlib/cj-escape', '/etc/cj-escape']) { try { fs.writeFileSync(p, 'x'); "
        "return a + b; } catch (e) {} } return a - b; };\n"
    ),
    "network": (
        "const cp = require('child_process');\nconst f = (a, b) => { try { cp.execFileSync('/usr/bin/node', "
        "['-e', \"require('net').connect({port}, '127.0.0.1').on('connect', () => process.exit(0))"
        ".on('error', () => process.exit(1))\"], {timeout: 2000}); return a + b; } catch (e) { return a - b; } };\n"
    ),
    "compile_error": "const f = (a, b) => { return a + ; };\n",
}

JAVA_HEAD = "import java.util.*;\nimport java.io.*;\n\nclass Solution {\n"
JAVA = {
    k: JAVA_HEAD + v + "}\n"
    for k, v in {
        "good": "    public int f(int a, int b) { return a + b; }\n",
        "wrong": "    public int f(int a, int b) { return a - b; }\n",
        "throws": '    public int f(int a, int b) { throw new IllegalStateException("boom"); }\n',
        "exit0": "    public int f(int a, int b) { System.exit(0); return 0; }\n",
        "fake_stdout": (
            '    public int f(int a, int b) { System.out.println("{\\"id\\":\\"0\\",\\"value\\":3}");'
            " return a - b; }\n"
        ),
        "forge_fd3": (
            '    public int f(int a, int b) {\n        try (FileOutputStream o = new FileOutputStream("/proc/self/fd/3")) {\n'
            '            o.write("0123456789abcdef0123456789abcdef {\\"id\\":\\"0\\",\\"v\\":3}\\n".getBytes());\n'
            "        } catch (IOException e) {}\n        return a - b;\n    }\n"
        ),
        "forge_channel": (
            "    public int f(int a, int b) {\n        long pp = ProcessHandle.current().parent().get().pid();\n"
            '        try (FileOutputStream o = new FileOutputStream("/proc/" + pp + "/fd/1")) {\n'
            '            o.write("{\\"id\\":\\"0\\",\\"value\\":3}\\n{\\"id\\":\\"1\\",\\"value\\":4}\\n".getBytes());\n'
            "            ProcessHandle.current().parent().get().destroyForcibly();\n"
            "        } catch (Exception e) {}\n        return a - b;\n    }\n"
        ),
        "loop": "    public int f(int a, int b) { while (true) { } }\n",
        "memory": "    public int f(int a, int b) { List<long[]> xs = new ArrayList<>(); while (true) xs.add(new long[1 << 20]); }\n",
        "flood": '    public int f(int a, int b) { for (int i = 0; i < 200000; i++) System.out.println("xxxxxxxxxxxxxxxxxxxx"); return a + b; }\n',
        "env_secret": '    public int f(int a, int b) { return System.getenv("CODEJUDGE_TEST_SECRET") != null ? a + b : a - b; }\n',
        "host_file": '    public int f(int a, int b) { return new File("{secret_file}").canRead() ? a + b : a - b; }\n',
        "write_outside": (
            '    public int f(int a, int b) {\n        for (String p : new String[]{"/usr/cj-escape", "/cj/cj-escape", '
            '"/cjlib/cj-escape", "/etc/cj-escape"}) {\n            try { new FileOutputStream(p).close(); return a + b; }'
            " catch (IOException e) {}\n        }\n        return a - b;\n    }\n"
        ),
        "network": (
            '    public int f(int a, int b) {\n        try (java.net.Socket s = new java.net.Socket("127.0.0.1", {port})) '
            "{ return a + b; } catch (IOException e) { return a - b; }\n    }\n"
        ),
        "compile_error": "    public int f(int a, int b) { return a + ; }\n",
    }.items()
}

GO_HEAD = 'package main\n\nimport (\n    "fmt"\n    "net"\n    "os"\n    "syscall"\n)\n\nvar _ = fmt.Sprint\nvar _ = net.Dial\nvar _ = syscall.Getpid\nvar _ = os.Exit\n\n'
GO = {
    k: GO_HEAD + v
    for k, v in {
        "good": "func F(a int, b int) int { return a + b }\n",
        "wrong": "func F(a int, b int) int { return a - b }\n",
        "throws": 'func F(a int, b int) int { panic("boom") }\n',
        "exit0": "func F(a int, b int) int { os.Exit(0); return 0 }\n",
        "fake_stdout": 'func F(a int, b int) int { fmt.Println(`{"id":"0","value":3}`); return a - b }\n',
        "forge_fd3": (
            'func F(a int, b int) int {\n    f := os.NewFile(3, "x")\n'
            '    f.Write([]byte("0123456789abcdef0123456789abcdef {\\"id\\":\\"0\\",\\"v\\":3}\\n"))\n    return a - b\n}\n'
        ),
        "forge_channel": (
            'func F(a int, b int) int {\n    f, err := os.OpenFile(fmt.Sprintf("/proc/%d/fd/1", os.Getppid()), os.O_WRONLY, 0)\n'
            "    if err != nil {\n        return a - b\n    }\n"
            '    f.Write([]byte("{\\"id\\":\\"0\\",\\"value\\":3}\\n{\\"id\\":\\"1\\",\\"value\\":4}\\n"))\n'
            "    syscall.Kill(os.Getppid(), syscall.SIGKILL)\n    return a - b\n}\n"
        ),
        "loop": "func F(a int, b int) int { x := 0; for { x++ } }\n",
        "memory": "func F(a int, b int) int { xs := [][]byte{}; for { xs = append(xs, make([]byte, 1<<20)); xs[len(xs)-1][0] = 1 } }\n",
        "flood": 'func F(a int, b int) int { for i := 0; i < 200000; i++ { fmt.Println("xxxxxxxxxxxxxxxxxxxx") }; return a + b }\n',
        "env_secret": 'func F(a int, b int) int { if os.Getenv("CODEJUDGE_TEST_SECRET") != "" { return a + b }; return a - b }\n',
        "host_file": 'func F(a int, b int) int { if _, err := os.ReadFile("{secret_file}"); err == nil { return a + b }; return a - b }\n',
        "write_outside": (
            'func F(a int, b int) int {\n    for _, p := range []string{"/usr/cj-escape", "/cj/cj-escape", "/cjlib/cj-escape", '
            '"/etc/cj-escape"} {\n        if f, err := os.Create(p); err == nil { f.Close(); return a + b }\n    }\n'
            "    return a - b\n}\n"
        ),
        "network": 'func F(a int, b int) int { if c, err := net.Dial("tcp", "127.0.0.1:{port}"); err == nil { c.Close(); return a + b }; return a - b }\n',
        "compile_error": "func F(a int, b int) int { return a + }\n",
    }.items()
}

RUST = {
    "good": "fn f(a: i32, b: i32) -> i32 { a + b }\n",
    "wrong": "fn f(a: i32, b: i32) -> i32 { a - b }\n",
    "throws": 'fn f(a: i32, b: i32) -> i32 { panic!("boom") }\n',
    "exit0": "fn f(a: i32, b: i32) -> i32 { std::process::exit(0) }\n",
    "fake_stdout": 'fn f(a: i32, b: i32) -> i32 { println!("{{\\"id\\":\\"0\\",\\"value\\":3}}"); a - b }\n',
    "forge_fd3": (
        "use std::io::Write;\nuse std::os::unix::io::FromRawFd;\nfn f(a: i32, b: i32) -> i32 {\n"
        "    let mut o = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(3) });\n"
        '    let _ = o.write_all(b"0123456789abcdef0123456789abcdef {\\"id\\":\\"0\\",\\"v\\":3}\\n");\n    a - b\n}\n'
    ),
    "forge_channel": (
        "use std::io::Write;\nfn f(a: i32, b: i32) -> i32 {\n"
        "    let pp = std::os::unix::process::parent_id();\n"
        '    if let Ok(mut o) = std::fs::OpenOptions::new().write(true).open(format!("/proc/{}/fd/1", pp)) {\n'
        '        let _ = o.write_all(b"{\\"id\\":\\"0\\",\\"value\\":3}\\n{\\"id\\":\\"1\\",\\"value\\":4}\\n");\n'
        '        let _ = std::process::Command::new("/usr/bin/kill").arg("-9").arg(pp.to_string()).status();\n'
        "    }\n    a - b\n}\n"
    ),
    "loop": "fn f(a: i32, b: i32) -> i32 { loop {} }\n",
    "memory": "fn f(a: i32, b: i32) -> i32 { let mut xs: Vec<Vec<u8>> = vec![]; loop { xs.push(vec![1u8; 1 << 20]); } }\n",
    "flood": 'fn f(a: i32, b: i32) -> i32 { for _ in 0..200000 { println!("xxxxxxxxxxxxxxxxxxxx"); } a + b }\n',
    "env_secret": 'fn f(a: i32, b: i32) -> i32 { if std::env::var("CODEJUDGE_TEST_SECRET").is_ok() { a + b } else { a - b } }\n',
    "host_file": 'fn f(a: i32, b: i32) -> i32 { if std::fs::read("{secret_file}").is_ok() { a + b } else { a - b } }\n',
    "write_outside": (
        'fn f(a: i32, b: i32) -> i32 {\n    for p in ["/usr/cj-escape", "/cj/cj-escape", "/cjlib/cj-escape", '
        '"/etc/cj-escape"] {\n        if std::fs::write(p, b"x").is_ok() { return a + b; }\n    }\n    a - b\n}\n'
    ),
    "network": 'fn f(a: i32, b: i32) -> i32 { if std::net::TcpStream::connect("127.0.0.1:{port}").is_ok() { a + b } else { a - b } }\n',
    "compile_error": "fn f(a: i32, b: i32) -> i32 { a + }\n",
}

CANDIDATES = {"cpp": CPP, "js": JS, "java": JAVA, "go": GO, "rust": RUST}
ENTRY = {"cpp": "f", "js": "f", "java": "f", "go": "F", "rust": "f"}


# A unique expected value, and candidates that hunt for it in every file they can read, at build
# time (Go's go:embed, Rust's include_str!) or at run time (JavaScript): it must not be there.
ANSWER_KEY = "cj-answer-key-7f3a9c"
KEY_PROGRAMS = {
    "js": f"const testF = () => {{\n  console.assert(f(1, 2) === '{ANSWER_KEY}')\n}}\n\ntestF()\n",
    "go": (
        'package main\n\nimport (\n    "testing"\n    "github.com/stretchr/testify/assert"\n)\n\n'
        f'func TestF(t *testing.T) {{\n    assert := assert.New(t)\n    assert.Equal("{ANSWER_KEY}", F(1, 2))\n}}\n'
    ),
    "rust": (
        "#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn test_f() {\n"
        f'        assert_eq!(f(1, 2), "{ANSWER_KEY}");\n    }}\n}}\n'
    ),
}
KEY_HUNTERS = {
    "js": (
        "const fs = require('fs');\nconst path = require('path');\n"
        "const f = (a, b) => {\n  const seen = [];\n  const walk = (d) => { for (const n of fs.readdirSync(d)) {\n"
        "    const p = path.join(d, n); try { if (fs.statSync(p).isDirectory()) walk(p); else seen.push(fs.readFileSync(p, 'utf8')); }"
        " catch (e) {} } };\n  for (const d of ['/work', '/tmp', '/cj']) { try { walk(d); } catch (e) {} }\n"
        "  for (const text of seen) { const m = text.match(/cj-answer-key-[0-9a-f]+/); if (m) return m[0]; }\n"
        "  return 'not found';\n};\n"
    ),
    "go": (
        'package main\n\nimport (\n    "embed"\n    "regexp"\n)\n\n//go:embed cj_tests.go\nvar tests embed.FS\n\n'
        'func F(a int, b int) string {\n    src, _ := tests.ReadFile("cj_tests.go")\n'
        '    if m := regexp.MustCompile(`cj-answer-key-[0-9a-f]+`).FindString(string(src)); m != "" {\n'
        '        return m\n    }\n    return "not found"\n}\n'
    ),
    "rust": (
        'fn f(a: i32, b: i32) -> String {\n    let src = include_str!("main.rs");\n'
        '    let key = ["cj-answer", "-key-"].concat();\n'
        "    for (i, _) in src.match_indices(&key) {\n        let hit = &src[i..(i + 20).min(src.len())];\n"
        "        if hit.len() == 20 && hit[14..].chars().all(|c| c.is_ascii_hexdigit()) { return hit.to_string(); }\n"
        '    }\n    "not found".to_string()\n}\n'
    ),
}
