// Small behaviours without inline script (the content security policy forbids it).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("[data-autosubmit]")) {
    target.form.submit();
  }
});
