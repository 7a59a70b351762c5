# Usage: awk -v controllers="A B..." -f hack/bench/ratios.awk target/bench-scale/table.md
# The ratios of the first controller's figures to each other's, per N and phase, from the rows
# ScaleBench appends to table.md (| N | controller | phase | apply s | wall s | done | p50 s | p90 s |
# CPU s | peak RSS MiB | final RSS MiB | requests/release get/list/.../delete |). requests: the sum
# of the verbs. A ratio is "-" when a figure is missing or the divisor is 0; a wall time that
# ended at the deadline (">x") makes its ratio a bound: ">" for the first controller's, "<" for
# the other's, "?" for both.
BEGIN {
  FS = "|"
  n_controllers = split(controllers, c, " ")
  split("apply s|wall s|p50 s|p90 s|CPU s|peak RSS|final RSS|requests/release", names, "|")
  split("5 6 8 9 10 11 12 13", cols, " ")
}
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function total(s,    parts, i, n, sum) {
  sub(/^total /, "", s)
  n = split(s, parts, "/")
  for (i = 1; i <= n; i++) sum += parts[i]
  return sum
}
function ratio(a, b,    bound) {
  if (a == "" || b == "" || a == "-" || b == "-") return "-"
  bound = ""
  if (a ~ /^>/) { bound = ">"; sub(/^>/, "", a) }
  if (b ~ /^>/) { bound = (bound == "" ? "<" : "?"); sub(/^>/, "", b) }
  if (b + 0 == 0) return "-"
  return bound sprintf("%.2f", a / b)
}
trim($2) ~ /^[0-9]+$/ {
  key = trim($2) SUBSEP trim($4)
  if (!(key in seen)) { seen[key] = 1; order[++rows] = key }
  for (i = 1; i <= 8; i++) {
    v = trim($(cols[i]))
    if (i == 8) v = total(v)
    value[key, trim($3), i] = v
  }
}
END {
  for (k = 2; k <= n_controllers; k++) {
    printf "\n%s / %s:\n\n| N | phase |", c[1], c[k]
    for (i = 1; i <= 8; i++) printf " %s |", names[i]
    printf "\n|---:|---|"
    for (i = 1; i <= 8; i++) printf "---:|"
    printf "\n"
    for (r = 1; r <= rows; r++) {
      split(order[r], np, SUBSEP)
      printf "| %s | %s |", np[1], np[2]
      for (i = 1; i <= 8; i++) printf " %s |", ratio(value[order[r], c[1], i], value[order[r], c[k], i])
      printf "\n"
    }
  }
}
