// Precompiled once per toolchain: the standard library and the codejudge runtime.
#include <bits/stdc++.h>
#include "cj_rt.hpp"
