# just a comment
# and another one
