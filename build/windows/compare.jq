# Compares check --json of Linux ($l) and Windows ($w), image by image.
def name: .file | split("/") | last | split("\\") | last;
def fmt: "\(.check) \(.box | map(tostring) | join(","))";
def near(a; b): ([a, b] | transpose | map(.[0] - .[1] | fabs) | max) <= 3;
def inside(a; b): a[0] >= b[0] - 3 and a[1] >= b[1] - 3 and a[2] <= b[2] + 3 and a[3] <= b[3] + 3;
def unmatched(xs; ys): [xs[] | . as $a | select([ys[] | select(.check == $a.check and near(.box; $a.box))] | length == 0)];
($l | map({key: name, value: (.findings // [])}) | from_entries) as $L
| ($w | map({key: name, value: (.findings // [])}) | from_entries) as $W
| $L | keys[] as $k
| $L[$k] as $lf | ($W[$k] // []) as $wf
| unmatched($lf; $wf) as $missed | unmatched($wf; $lf) as $extra
| [$missed[] | . as $a | select([$wf[] | select(inside($a.box; .box))] | length == 0)] as $uncovered
| {file: $k,
   same: (($lf | map(fmt) | sort) == ($wf | map(fmt) | sort)),
   missed: ($missed | map(fmt)), extra: ($extra | map(fmt)), uncovered: ($uncovered | map(fmt))}
| "\(.file)\t\(if .same then "same" elif (.missed + .extra | length) == 0 then "edges" elif (.uncovered | length) > 0 then "uncovered" else "differs" end)\t\(if .missed | length > 0 then "Linux only: " + (.missed | join("; ")) + (if .uncovered | length > 0 then " (not covered on Windows: " + (.uncovered | join("; ")) + ")" else " (covered by a Windows box)" end) + ". " else "" end)\(if .extra | length > 0 then "Windows only: " + (.extra | join("; ")) + "." else "" end)"
