# The messages only the graceful-exit family's tests say, in English; their Korean is in ko.ftl beside this file.
# The build joins every exercise's and family's catalog to the checker's own (checker/i18n/).

exit-no-bye = the last line printed is not `bye` after { $signal }
