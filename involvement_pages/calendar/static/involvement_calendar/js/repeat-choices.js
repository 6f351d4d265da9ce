// Shows only the repeat choices that apply to what is picked under "Repeats": weekdays for
// weekly, the date or the weekday for monthly, the last date or the count for the ending.
// Without JavaScript every choice is shown and the server ignores the ones that do not apply.
(function () {
    "use strict";

    function picked(name) {
        var checked = document.querySelector('input[name="' + name + '"]:checked');
        return checked ? checked.value : "";
    }

    function hasError(element) {
        return element.querySelector('.w-field--error, [aria-invalid="true"]') !== null;
    }

    function update() {
        document.querySelectorAll("[data-repeat-when]").forEach(function (element) {
            var conditions = JSON.parse(element.getAttribute("data-repeat-when"));
            var applies = Object.keys(conditions).every(function (name) {
                return conditions[name].indexOf(picked(name)) !== -1;
            });
            // A choice with an error stays in view, so its message is never hidden.
            element.style.display = applies || hasError(element) ? "" : "none";
        });
    }

    function start() {
        if (!document.querySelector('input[name="repeat_frequency"]')) {
            return;
        }
        document.addEventListener("change", function (event) {
            if (event.target.name && event.target.name.indexOf("repeat_") === 0) {
                update();
            }
        });
        update();
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
