// codejudge stand-in for <boost/any.hpp> (HumanEvalPack C++/22 and /137 use boost::any):
// std::any has the same interface for what those programs need (type(), any_cast, has_value).
#pragma once
#include <any>
namespace boost {
using any = std::any;
using std::any_cast;
using bad_any_cast = std::bad_any_cast;
}  // namespace boost
